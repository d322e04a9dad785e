/**
 * SPOT LMS rule texts for auditors (seed 000, docs/seeds/000_3d44df56f50a4f89.txt): every rule id and
 * interpretation id of the `spot-lms` rulebook in the project's words, with the Dutch original quoted.
 */
import { quoteFrom } from '../../rule-texts/builders';
import type { RulebookTexts } from '../../rule-texts/types';

const at = quoteFrom('spot-lms');

export const SPOT_LMS_RULE_TEXTS: RulebookTexts = {
  rulebookId: 'spot-lms',
  provider: 'Vereniging SPOT — deelnemersreglement LMS',
  rules: [
    {
      ruleId: 'SPOT-1.2',
      rulebookId: 'spot-lms',
      title: 'A learner works for the participant',
      text: 'A learner must be employed by the participant that registers them; a learner employed elsewhere is refused.',
      article: at('art. 1.2', 'Een cursist dient werkzaam te zijn voor de deelnemer.'),
      interpretationIds: [],
      ledgerDecision: true,
    },
    {
      ruleId: 'SPOT-1.4',
      rulebookId: 'spot-lms',
      title: 'At most 2 training coordinators per organisation or location',
      text: 'A participant may appoint at most 2 training coordinators per organisation or location; a third is refused.',
      article: at('art. 1.4', 'Per organisatie/locatie kunnen maximaal 2 opleidingscoördinatoren worden benoemd.'),
      interpretationIds: [],
      ledgerDecision: true,
    },
    {
      ruleId: 'SPOT-3.1',
      rulebookId: 'spot-lms',
      title: 'Annual licence per learner: 30.00 below 100 learners, 45.00 from 100',
      text:
        'The participant pays an annual licence per learner. The 2020 price list (no VAT): 30.00 per learner while ' +
        'the participant has fewer than 100, 45.00 per learner from 100. The price list is effective-dated data; ' +
        'the tier is the number of active licences.',
      article: at(
        'art. 3.1',
        'Deelnemers betalen per cursist een jaarlijkse licentie. De kosten van deze licentie zijn: (prijspeil 2020, ' +
          'geen BTW): Minder dan 100 cursisten : € 30,- per cursist Vanaf 100 cursisten : € 45,- per cursist',
      ),
      interpretationIds: ['SPOT-I2'],
      catalogueVsSeed:
        'The seed counts learners ("cursisten"); the catalogue counts active licences. They differ when a learner ' +
        'holds no active licence (revoked, expired, not renewed): such a learner does not count towards the tier.',
      ledgerDecision: true,
    },
    {
      ruleId: 'SPOT-3.2',
      rulebookId: 'spot-lms',
      title: 'No VAT unless the association becomes VAT-liable',
      text: "Licences carry VAT only if the association becomes VAT-liable: the rulebook's VAT rate is 0 by default.",
      article: at(
        'art. 3.2',
        'Indien de vereniging op enig moment BTW-plichtig wordt dan worden de licenties belast met BTW.',
      ),
      interpretationIds: ['MONEY-I1'],
      ledgerDecision: true,
    },
    {
      ruleId: 'SPOT-3.3',
      rulebookId: 'spot-lms',
      title: 'Prices are set each year',
      text:
        "Licence prices are set anew each year: each year's price list is published through the API " +
        '(POST /rulebooks/spot-lms/versions) as a new rulebook version with the same rules and the new rates, and ' +
        'every licence fee, renewal and surcharge uses the version in force on its business date. The publication ' +
        'is a decision of its own: a list cannot take effect before it is published (licences already invoiced ' +
        'were priced by the list then in force), and each new version takes effect after the latest one.',
      article: at(
        'art. 3.3',
        'De licentiekosten worden jaarlijks opnieuw vastgesteld door het bestuur in samenspraak met de Algemene ' +
          'Vergadering.',
      ),
      interpretationIds: [],
      ledgerDecision: true,
    },
    {
      ruleId: 'SPOT-3.4',
      aliases: ['SPOT-3.4 / 4.1'],
      rulebookId: 'spot-lms',
      title: 'The licence fee is charged at registration, on an invoice of its own',
      text:
        "Registering a learner issues the licence and charges one annual fee at the participant's current rate at " +
        'once, on a separate invoice for that registration.',
      article: at(
        'art. 3.4',
        'Direct na aanmelding van een cursist worden de licentiekosten bij de deelnemer in rekening gebracht.',
      ),
      seeAlso: [
        at(
          'art. 4.1',
          'Bij elke nieuwe aanmelding van een cursist door de deelnemer ontvangt de deelnemer een separate factuur ' +
            'met de licentiekosten.',
        ),
      ],
      interpretationIds: ['SPOT-I1', 'SPOT-I2'],
      ledgerDecision: true,
    },
    {
      ruleId: 'SPOT-3.5',
      rulebookId: 'spot-lms',
      title: 'Licences are personal',
      text: 'A licence is personal and cannot be transferred; a transfer request is refused.',
      article: at('art. 3.5', 'Licenties zijn persoonlijk en niet overdraagbaar.'),
      interpretationIds: [],
      ledgerDecision: true,
    },
    {
      ruleId: 'SPOT-4.1',
      rulebookId: 'spot-lms',
      title: 'Licences are invoiced per participant, annually',
      text:
        'Each licence runs 12 months from its start and renews for 12 months at its expiry, invoiced on the renewal ' +
        'date, unless it was marked not to renew (SPOT-I1).',
      article: at('art. 4.1', 'De kosten van de licenties worden per deelnemer jaarlijks gefactureerd.'),
      interpretationIds: ['SPOT-I1'],
      catalogueVsSeed:
        'The seed reads most naturally as one annual invoice per participant; the catalogue (SPOT-I1) renews and ' +
        'invoices each licence on its own anniversary, which matches the separate invoice per registration of the ' +
        'same article.',
      ledgerDecision: true,
    },
    {
      ruleId: 'SPOT-4.2',
      rulebookId: 'spot-lms',
      title: 'Crossing 99 learners: higher rate, and a surcharge when 3 months or more before the invoice date',
      text:
        'When a participant goes beyond 99 learners, the fee rises from the next invoice date. If the crossing is at ' +
        'least 3 months before the next invoice date, the difference between the low and the high rate is charged ' +
        'at the moment of crossing: (high - low) x the active licences at the crossing, the crossing registration ' +
        'included, which is itself invoiced at the low rate; every registration after it pays the high rate (SPOT-I2). ' +
        'Example: invoice date 2026-01-10; the 100th active licence is registered on 2026-06-01, at least 3 months ' +
        'before 2027-01-10: a surcharge of (45 - 30) x 100 = 1,500.00 is charged on 2026-06-01, registration 100 ' +
        'itself is invoiced at 30.00, and registration 101 on 2026-07-01 costs 45.00.',
      article: at(
        'art. 4.2',
        'Indien de deelnemer de drempel van 99 cursisten overschrijdt dan worden de licentiekosten met ingang van de ' +
          'volgende factuurdatum verhoogd. Als deze overschrijding minimaal 3 maanden voor de volgende factuurdatum ' +
          'plaatsvindt dan wordt het verschil tussen het lage en hoge tarief aan de deelnemer op het moment van ' +
          'overschrijden van de drempel van 99 cursisten in rekening gebracht.',
      ),
      interpretationIds: ['SPOT-I2'],
      catalogueVsSeed:
        'The seed charges "het verschil tussen het lage en hoge tarief" without saying per learner; the catalogue ' +
        '(SPOT-I2) multiplies it by the active licences at the crossing. The seed also has no limit of one ' +
        'surcharge per billing year and does not say that falling below 100 returns the low rate; both are the ' +
        "catalogue's additions.",
      ledgerDecision: true,
    },
    {
      ruleId: 'SPOT-6.1',
      rulebookId: 'spot-lms',
      title: 'Ending LMS use; a reminder before a licence expires',
      text:
        'The participant may end its use of the LMS with effect from the expiry of its longest-running licence; ' +
        'licences expiring before then are not renewed unless the participant says so. A reminder goes out 30 days ' +
        'before a licence expires (a rulebook parameter for "shortly before").',
      article: at(
        'art. 6.1',
        'Deelnemer kan het gebruik van het LMS opzeggen met ingang van de vervaldatum van de langstlopende licentie ' +
          'van een aan deelnemer verbonden cursist. Tussentijds aflopende licenties worden dan, tenzij door deelnemer ' +
          'anders aangegeven, niet verlengd. Kort voor afloop van een licentie ontvangt de Deelnemer een attendering ' +
          'over het verlopen van de licentie.',
      ),
      interpretationIds: ['SPOT-I1'],
      ledgerDecision: true,
    },
    {
      ruleId: 'SPOT-6.2',
      rulebookId: 'spot-lms',
      title: "Revoking a learner's access",
      text:
        "SPOT may revoke a learner's access at once when fees are unpaid, the rules are broken, the learner no " +
        'longer works for a member, or the participant is expelled. The reasons are an enumeration.',
      article: at(
        'art. 6.2',
        'Vereniging SPOT kan een cursist per direct de toegang tot het LMS ontzeggen als: - de deelnemer de ' +
          'licentiekosten niet of niet tijdig voldoet; - de cursist zich niet houdt aan de gedragsregels in het LMS of ' +
          'de bepalingen in dit deelnemersreglement; - de cursist niet (meer) werkzaam is bij een lidorganisatie van ' +
          'SPOT; - de deelnemer uit het lidmaatschap van SPOT wordt ontzet.',
      ),
      interpretationIds: [],
      ledgerDecision: true,
    },
    {
      ruleId: 'SPOT-6.3',
      rulebookId: 'spot-lms',
      title: 'No refund after revocation',
      text: 'After a revocation nothing is refunded, and unpaid licence fees stay due.',
      article: at(
        'art. 6.3',
        'In het geval van ontzegging van de toegang tot het LMS op één of meerdere van de bovenstaande gronden ' +
          'bestaat er geen recht op restitutie van de licentiekosten. Eventuele openstaande licentiekosten blijven ' +
          'verschuldigd.',
      ),
      interpretationIds: [],
      ledgerDecision: true,
    },
    {
      ruleId: 'SPOT-6.4',
      rulebookId: 'spot-lms',
      title: 'Leaving SPOT: licences stay valid until expiry',
      text: 'When the participant leaves SPOT, its licences stay valid until they expire and are not renewed.',
      article: at(
        'art. 6.4',
        'Bij opzegging van het lidmaatschap van SPOT blijven de licenties geldig tot de vervaldatum.',
      ),
      interpretationIds: [],
      catalogueVsSeed:
        'The seed says only that the licences stay valid until expiry; "not renewed" is the catalogue\'s addition.',
      ledgerDecision: true,
    },
    {
      ruleId: 'SPOT-2.2',
      rulebookId: 'spot-lms',
      title: "An extra contribution for other providers' e-learning",
      text:
        "E-learning of SPOT's own or of a provider other than ExpertCollege may be shared through the LMS, possibly " +
        'for an extra contribution. The ledger records a contribution SPOT asks as a decision with an invoice of its ' +
        'own to the participant, for one licence or for the participant as a whole, at the amount SPOT names (net; ' +
        "VAT as SPOT-3.2), due after the licence invoice term. A contribution for ExpertCollege's e-learning is " +
        'refused: art. 2.1 makes the complete e-Xpert VVT a standard part of the licence. A contribution for a ' +
        'licence that does not run on the charge date is refused.',
      article: at(
        'art. 2.2',
        'De mogelijkheid bestaat dat via de LMS eigen e-learning of e-learning van een andere aanbieder dan ' +
          'ExpertCollege wordt gedeeld. Mogelijk wordt hiervoor een extra bijdrage gevraagd.',
      ),
      seeAlso: [
        at(
          'art. 2.1',
          'Via het LMS van SPOT wordt de complete e-learning e-Xpert VVT van ExpertCollege aangeboden. Dit aanbod ' +
            'wordt periodiek geactualiseerd en is standaard onderdeel van de licentie.',
        ),
      ],
      interpretationIds: [],
      catalogueVsSeed:
        'The catalogue has no row for art. 2.2 (issue 12 asks for it). The seed names no amount and says only that a ' +
        'contribution "mogelijk" is asked, so the amount is SPOT\'s, named with each charge, not a figure of the ' +
        'rulebook. "Eigen e-learning" may be SPOT\'s own or the participant\'s own; the ledger accepts either, and ' +
        'every provider but ExpertCollege. The seed does not say whether a contribution is per learner or per ' +
        'participant: the ledger records either (with or without a licence). It sets no payment term: the licence ' +
        'invoice term applies (30 days, art. 6:119a lid 2 BW), and the VAT of SPOT-3.2, since the association ' +
        'charges it as it charges the licences.',
      ledgerDecision: true,
    },
    // ---- seed rules the ledger does not decide ------------------------------------------------
    {
      ruleId: 'SPOT-5',
      rulebookId: 'spot-lms',
      title: 'No liability for LMS downtime or lost results',
      text: 'SPOT is not liable for damage from the LMS being temporarily unreachable or from lost results.',
      article: at(
        'art. 5',
        'Vereniging SPOT kan niet aansprakelijk worden gesteld voor schade die ontstaat door het tijdelijk niet ' +
          'bereikbaar zijn van het LMS of verlies van behaalde resultaten.',
      ),
      interpretationIds: [],
      ledgerDecision: false,
      reason: 'An exclusion of liability: it creates no fee, refund, right or deadline the ledger records.',
    },
    {
      ruleId: 'SPOT-7',
      rulebookId: 'spot-lms',
      title: 'The board decides where the regulation is silent',
      text: 'In every case the regulation does not provide for, the board of SPOT decides.',
      article: at(
        'art. 7',
        'In alle omstandigheden waarin dit reglement niet voorziet beslist het bestuur van Vereniging SPOT.',
      ),
      interpretationIds: [],
      ledgerDecision: false,
      reason:
        "The board's decisions reach the ledger as ordinary commands (a new rulebook version, a revocation); the " +
        'rule itself decides nothing.',
    },
  ],
  interpretations: [
    {
      id: 'SPOT-I1',
      rulebookId: 'spot-lms',
      title: 'Each licence renews on its own anniversary',
      source: 'catalogue',
      ruleIds: ['SPOT-4.1', 'SPOT-3.4', 'SPOT-6.1'],
      touches: [
        {
          rulebookId: 'spot-lms',
          decisionKinds: ['licence-registration', 'licence-renewal', 'expiry-reminder', 'participant-termination'],
        },
      ],
      versions: [
        {
          version: 1,
          reading:
            'Each licence runs 12 months from its start and renews for 12 months at its expiry, invoiced on the ' +
            'renewal date, unless it was marked not-to-renew.',
          reasoning:
            "The seed invoices every registration separately (art. 4.1) and speaks of each licence's expiry " +
            '(art. 6.1); a yearly licence per learner therefore runs from its own start.',
          catalogueRevision: 1,
        },
      ],
    },
    {
      id: 'SPOT-I2',
      rulebookId: 'spot-lms',
      title: 'The invoice date and the tier crossing',
      source: 'catalogue',
      ruleIds: ['SPOT-4.2', 'SPOT-3.1'],
      touches: [
        {
          rulebookId: 'spot-lms',
          decisionKinds: ['licence-registration', 'tier-crossing', 'invoice-date-evaluation', 'licence-renewal'],
        },
      ],
      versions: [
        {
          version: 1,
          reading:
            "The participant's invoice date is its annual anniversary (default: the date of its first registration). " +
            'The crossing is the registration that makes the active licences 100. If crossingDate <= nextInvoiceDate ' +
            '- 3 months, the crossing registration is invoiced at the low rate, a surcharge of (high - low) x active ' +
            'licences at the crossing (itself included) is charged at once, and the high rate applies to every ' +
            'registration after it; otherwise there is no surcharge and the high rate applies from the next invoice ' +
            'date. At most one surcharge per billing year. The tier is re-evaluated at each invoice date (dropping ' +
            'below 100 returns the low rate).',
          reasoning:
            'The seed speaks of "de volgende factuurdatum" without defining it and of "het verschil" between the ' +
            'rates without saying of what. The catalogue anchors the invoice date on the first registration and ' +
            'takes the difference for every licence active at the crossing, so each of them pays the high rate once ' +
            'the threshold is crossed early enough.',
          catalogueRevision: 1,
        },
      ],
    },
  ],
};
