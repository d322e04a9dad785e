/**
 * Excellus Academie rule texts for auditors (seed 003, docs/seeds/003_77d2c2c4ffb8373c.txt): every rule
 * id and interpretation id of the `excellus` rulebook in the project's words, with the Dutch original
 * quoted. The extraction numbers every list item "1.", so article numbers are counted (and said so).
 */
import { quoteFrom, readingTouches } from '../../rule-texts/builders';
import type { RulebookTexts } from '../../rule-texts/types';

const at = quoteFrom('excellus');

export const EXCELLUS_RULE_TEXTS: RulebookTexts = {
  rulebookId: 'excellus',
  provider: 'Excellus Academie — algemene voorwaarden',
  rules: [
    {
      ruleId: 'EXC-4.2',
      rulebookId: 'excellus',
      title: 'Cooling-off: 14 days free cancellation after registration',
      text:
        'A registration can be cancelled free of charge up to 14 days after it (the sending date of the e-mail or ' +
        'the post stamp counts). Not for in-company or group courses. A course that starts within 14 days of ' +
        'registration means the learner waived the cooling-off. It applies to consumers and business customers ' +
        '(instellingen) alike (EXC-I3, catalogue rev 2).',
      article: at(
        'art. 4 lid 2',
        'Conform de bedenktijd kunt u tot 14 dagen, gerekend vanaf de inschrijfdatum je aanmelding kosteloos ' +
          'annuleren via academie@excellus.nl. Bedenktermijn geldt niet bij in company en groepscursussen. Na deze 14 ' +
          'dagen gelden de tarieven in de tabel in artikel één. Wanneer de cursus binnen 14 dagen na inschrijving ' +
          'begint, stemt u ermee in dat u afziet van de bedenktijd. De datum van versturen van de e-mail of de stempel ' +
          'op de postzegel is leidend t.a.v. de bedenktijd.',
      ),
      seeAlso: [
        at(
          'art. 1 lid 1',
          'Deze Algemene Voorwaarden zijn van toepassing op alle overeenkomsten die worden gesloten tussen de Excellus ' +
            'Academie, gevestigd te Neerlandia 2, 1841 JK Stompetoren en u als deelnemer, instelling en/of deelnemer ' +
            'met betrekking tot een ‘educatieve dienst’.',
        ),
      ],
      interpretationIds: ['EXC-I3'],
      catalogueVsSeed:
        'Catalogue rev 1 gave the cooling-off to consumers only (its §0 default for cooling-off rights), while the ' +
        'seed gives it to "u", which art. 1 defines as "deelnemer, instelling en/of deelnemer", and excludes only ' +
        'in-company and group courses. Corrected in rev 2 (EXC-I3): business customers have it too.',
      ledgerDecision: true,
    },
    {
      ruleId: 'EXC-4.1',
      rulebookId: 'excellus',
      title: 'Contact education: 30 / 60 / 80 % cancellation bands',
      text:
        'Contact education with a fixed start date (which cannot be moved) costs, when cancelled: up to 2 months ' +
        'before the start 30 % of the agreed price; up to 1 month before, 60 %; up to 14 days before, 60 % (EXC-I1); ' +
        'later, 80 %. Boundaries: on or before start - 2 months is 30 %; on or before start - 1 month is 60 %; on or ' +
        'before start - 14 days is 60 %; after that 80 %.',
      article: at(
        'art. 4 lid 1',
        'Annuleren tot 2 maanden 30% van de overeengekomen prijs voor aanvang Annuleren tussen 2 60% van de ' +
          'overeengekomen prijs maanden en 1 maand voor aanvang Annuleren minder dan 2 80% van de overeengekomen prijs ' +
          'weken voor aanvang',
      ),
      seeAlso: [
        at(
          'art. 4 lid 1',
          'De overeenkomst wordt ten allen tijde aangegaan op basis van een vaste startdatum; het is niet mogelijk om ' +
            'deze startdatum te verzetten nadat de overeenkomst is aangegaan.',
        ),
      ],
      interpretationIds: ['EXC-I1', 'EXC-I3', 'MONEY-I1'],
      catalogueVsSeed:
        'The table leaves "less than 1 month but at least 2 weeks" open; the catalogue resolves it in the ' +
        'customer\'s favour as 60 % (EXC-I1). The seed calls the table an "annuleringsregeling en tussentijdse ' +
        'beëindigingregeling", so it also covers stopping during the course; the catalogue and the ledger apply it ' +
        'to cancellations before the start only.',
      ledgerDecision: true,
    },
    {
      ruleId: 'EXC-4.1*',
      rulebookId: 'excellus',
      title: 'In-company and group agreements',
      text:
        'For an in-company or group course the same rates apply to the whole agreement, and the number of ' +
        'participants may change until 3 months before the start. The ledger takes the number the quote was made ' +
        'on from the offering (option `participants`, with `group: true`); its prices are for that many. A change ' +
        'on or before the day 3 months before the start (calendar months, clamped to the month end) moves the ' +
        'price pro rata, per component and half-up once: a larger group gets an extra invoice, due 10 days before ' +
        'the start (EXC-10.3); a smaller one a credit note, with what was paid beyond the new price granted back. ' +
        'A later change is refused. A cancellation applies the EXC-4.1 rates to the price of the whole agreement, ' +
        'over every invoice of it.',
      article: at(
        'art. 4 lid 1, footnote *',
        'Bovenstaande tarieven gelden dan voor de gehele overeenkomst. De instelling is zelf verantwoordelijk voor de ' +
          'vervanging van eventuele uitgevallen deelnemers. Het aantal deelnemers – en daarmee de overeenkomst – kan ' +
          'tot 3 maanden voor aanvang van de cursus gewijzigd worden.',
      ),
      seeAlso: [
        at(
          'art. 4 lid 1, footnote *',
          'Indien een instelling een overeenkomst afsluit voor een in company of groepscursus wordt er een offerte ' +
            'gemaakt op basis van het aantal deelnemers.',
        ),
      ],
      interpretationIds: [],
      catalogueVsSeed:
        'The seed says the quote is made "op basis van het aantal deelnemers" and that the number "en daarmee de ' +
        'overeenkomst" may change, but not how the price follows the number. The ledger reads it as pro rata to the ' +
        'quoted number (the quote priced per participant), each component rounded half-up once; a quote with a ' +
        'fixed part that does not scale is not modelled. "Tot 3 maanden voor aanvang" is read inclusively: the day ' +
        'exactly 3 months before the start still allows a change. The seed does not say when the extra part is ' +
        'payable; the ledger applies EXC-10.3 (10 days before the start). The catalogue states the rule without ' +
        'its money.',
      ledgerDecision: true,
    },
    {
      ruleId: 'EXC-4.2b',
      rulebookId: 'excellus',
      title: 'A colleague may take the place; the invoice stays',
      text: "A colleague may always take the learner's place; the invoice stays with the original registrant.",
      article: at(
        'art. 4 lid 2',
        'Er kan te allen tijde een collega in plaats van u komen. De factuur zal naar de eerder aangemelde deelnemer ' +
          'worden verzonden.',
      ),
      interpretationIds: [],
      ledgerDecision: true,
    },
    {
      ruleId: 'EXC-4.3',
      rulebookId: 'excellus',
      title: 'Exam-only: administration costs up to 6 weeks before, full price later',
      text:
        'An exam-only booking cancelled up to 6 weeks before the exam costs the administration costs (at most ' +
        '50.00) plus, if an e-learning environment was used, its full cost; "used" means its login details were ' +
        'issued (EXC-I4, catalogue rev 2). Cancelled later, the full agreed price is due.',
      article: at(
        'art. 4 lid 3',
        'bij annulering tot zes weken voor aanvang bent u de administratiekosten verschuldigd met een maximum van € ' +
          '50, -. Indien gebruik wordt gemaakt van een elektronische (leer)omgeving, dan geldt dat deze kosten ' +
          'volledig moeten worden betaald*. Deze kosten komen bovenop de eventuele administratiekosten;',
      ),
      seeAlso: [
        at('art. 4 lid 3', 'bij latere annulering bent u de volledige, overeengekomen prijs verschuldigd.'),
        at(
          'art. 4, footnote *',
          'Deze kosten kunnen dus – in tegenstelling tot het contactonderwijs – niet worden geannuleerd. De ' +
            'inloggegevens worden namelijk eenmalig verstrekt en kunnen niet worden doorgegeven aan andere deelnemers.',
        ),
      ],
      interpretationIds: ['EXC-I4', 'EXC-I3', 'MONEY-I1'],
      catalogueVsSeed:
        'Catalogue rev 1 read "gebruik wordt gemaakt" as "the learner started the e-learning"; the footnote explains ' +
        'that the cost cannot be cancelled because the login details are issued once. Corrected in rev 2 (EXC-I4): ' +
        'used = login details issued.',
      ledgerDecision: true,
    },
    {
      ruleId: 'EXC-4.4',
      rulebookId: 'excellus',
      title: 'E-learning only: no cancellation once login details were issued',
      text:
        'An e-learning-only booking cannot be cancelled once its login details were issued; before that the ' +
        'statutory 14 days (as EXC-4.2) apply.',
      article: at(
        'art. 4 lid 4',
        'Indien u (alleen) een elektronische (leer)omgeving (e-learning) afneemt, is – nadat de inloggegevens zijn ' +
          'verstrek – annulering niet meer mogelijk. Indien er wel is betaald, maar er zijn nog geen inloggegevens ' +
          'verstrekt, dan kan de deelnemer afzien van desbetreffende elektronische (leer)omgeving, en geldt in dit ' +
          'geval de wettelijke norm zoals bij punt 2 staat beschreven.',
      ),
      interpretationIds: ['EXC-I3'],
      ledgerDecision: true,
    },
    {
      ruleId: 'EXC-4.5',
      rulebookId: 'excellus',
      title: 'Course material bought at a distance: 14 days from the day after receipt',
      text:
        'A distance purchase of course material can be dissolved without reason within 14 days, counted from the ' +
        'day after the material was received.',
      article: at(
        'art. 4 lid 5',
        'Bij een overeenkomst op afstand die hoofdzakelijk betrekking heeft op de koop van lesmateriaal heeft u een ' +
          'termijn van veertien dagen waarbinnen u de overeenkomst zonder opgaaf van redenen kunt ontbinden. Deze ' +
          'termijn gaat in op de dag die volgt op de dag van ontvangst van het lesmateriaal.',
      ),
      interpretationIds: [],
      ledgerDecision: true,
    },
    {
      ruleId: 'EXC-4.9',
      rulebookId: 'excellus',
      title: 'Excellus cancels: everything paid is refunded',
      text: 'When Excellus cancels a training, exam or other service, the customer gets back everything paid.',
      article: at(
        'art. 4 lid 8 (counted; the catalogue says 4.9)',
        'De Excellus Academie heeft het recht een training/(her)examen of andere dienst te annuleren, zonder opgaaf ' +
          'van redenen. Bij annulering heeft u in dit geval het recht op het volledige betaalde bedrag dat u heeft ' +
          'betaald.',
      ),
      seeAlso: [
        at(
          'art. 4 lid 8',
          'De Excellus Academie is te allen tijde gerechtigd de datum, het aanvangstijdstip, de tijden en de locatie ' +
            'van een training te wijzigen.',
        ),
      ],
      interpretationIds: [],
      catalogueVsSeed:
        'Counting the items of art. 4 (the extraction numbers each "1."), this is lid 8, not 9: lid 5 is course ' +
        'material (art. 4 itself says "Bovenstaande bij punt 5") and lid 7 the return of material; the rule id ' +
        'EXC-4.9 is kept as the catalogue names it. The same lid also lets Excellus move the date, time or place ' +
        'instead and then decide on a (partial) repayment; the catalogue covers only the cancellation.',
      ledgerDecision: true,
    },
    {
      ruleId: 'EXC-7.1-2',
      rulebookId: 'excellus',
      title: 'Price changes: none within 3 months; after that a right to dissolve',
      text:
        'A price change within 3 months after the agreement and before the start has no effect on the agreed price. ' +
        'A price increase after those 3 months but before the start gives the right to dissolve. Neither applies to ' +
        'price changes required by law.',
      article: at(
        'art. 7 lid 1',
        'Als binnen drie maanden na het sluiten van de overeenkomst maar nog vóór aanvang van de educatieve dienst ' +
          'een prijswijziging optreedt, zal deze geen invloed hebben op de overeengekomen prijs.',
      ),
      seeAlso: [
        at(
          'art. 7 lid 2',
          'U heeft recht op ontbinding van de overeenkomst als ná drie maanden na het sluiten van de overeenkomst, ' +
            'maar nog vóór aanvang van de educatieve dienst de prijs wordt verhoogd.',
        ),
        at('art. 7 lid 3', 'Lid 1 en 2 zijn niet van toepassing op prijswijzigingen die uit de wet voortvloeien.'),
      ],
      interpretationIds: [],
      ledgerDecision: true,
    },
    {
      ruleId: 'EXC-10.3',
      rulebookId: 'excellus',
      title: 'Payment before the start; in full 10 days before',
      text:
        'Payment is due before the start; Excellus may require the full amount 10 days before the start. The due date ' +
        'is the start - 10 days unless the invoice says otherwise.',
      article: at(
        'art. 10 lid 3',
        'Betaling van de educatieve dienst vindt plaats vóór het moment dat de training/examen of (fysieke) dienst ' +
          'van start gaat. De Excellus Academie mag van u verlangen dat het volledige bedrag uiterlijk 10 dagen vóór ' +
          'de dag van aanvang van de educatieve dienst, zoals bedoeld in artikel 2 lid 3 is voldaan.',
      ),
      interpretationIds: ['ENR-I1'],
      ledgerDecision: true,
    },
    {
      ruleId: 'EXC-11',
      rulebookId: 'excellus',
      title: 'Late payment: a free reminder, 14 more days, then interest and collection costs',
      text:
        'The customer is in default from the due date. Excellus sends a free reminder that gives 14 more days from ' +
        'its receipt; after that statutory interest and collection costs are charged: 15 % of the first 2,500.00, ' +
        '10 % of the next 2,500.00, 5 % of the next 5,000.00, at least 40.00; above 10,000.00 the statutory scale ' +
        'continues (EXC-I2).',
      article: at(
        'art. 11',
        'U bent in verzuim vanaf het verstrijken van de betalingsdatum. De Excellus Academie zendt na het verstrijken ' +
          'van die datum een kosteloze betalingsherinnering en geeft u de gelegenheid binnen 14 dagen, na ontvangst ' +
          'van deze betalingsherinnering alsnog te betalen.',
      ),
      seeAlso: [
        at(
          'art. 11 lid 2',
          'Als u na het verstrijken van deze termijn niet heeft betaald, is de Excellus Academie gerechtigd over het ' +
            'nog verschuldigde bedrag de wettelijke rente in rekening te brengen en de buiten gerechtelijke ' +
            'incassokosten.',
        ),
        at(
          'art. 11 lid 3',
          'Deze incassokosten bedragen maximaal: 15% over openstaande bedragen tot € 2.500,-; 10% over de ' +
            'daaropvolgende € 2.500,- en 5% over de volgende € 5.000,- met een minimum van € 40,-.',
        ),
      ],
      interpretationIds: ['EXC-I2', 'WIK-I1', 'WIK-I2', 'FIN-I2', 'FIN-I3', 'INT-I1', 'INT-I2', 'INT-I3', 'INT-I4'],
      catalogueVsSeed:
        'The seed states the scale as a maximum ("Deze incassokosten bedragen maximaal"); the catalogue states it ' +
        'as the amount owed, and the ledger charges the full scale.',
      ledgerDecision: true,
    },
    {
      ruleId: 'EXC-12',
      rulebookId: 'excellus',
      title: 'A complaint suspends interest and collection costs',
      text: 'While a complaint or dispute is handled, interest does not accrue and collection costs are not charged.',
      article: at(
        'art. 12',
        'Gedurende de behandeling van een klacht of geschil zal de Excellus Academie het in rekening brengen van ' +
          'rente en incassokosten opschorten.',
      ),
      interpretationIds: ['FIN-I6', 'INT-I3'],
      catalogueVsSeed:
        'The seed suspends the charging ("het in rekening brengen ... opschorten"), which could mean that interest ' +
        'keeps accruing and is charged later; the catalogue reads it as interest not accruing over the suspended ' +
        "days (the customer's favour), and so does the ledger.",
      ledgerDecision: true,
    },
    {
      ruleId: 'EXC-13',
      rulebookId: 'excellus',
      title: 'More than 15 minutes late, or misconduct: no refund',
      text:
        'A learner more than 15 minutes late may be refused entry, and one who misbehaves may be removed; in both ' +
        'cases nothing is refunded.',
      article: at(
        'art. 13',
        'De Excellus Academie behoudt zich het recht voor om een deelnemer die meer dan 15 minuten te laat komt, de ' +
          'toegang tot de training te weigeren, de cursist heeft geen recht op enige terugbetaling.',
      ),
      seeAlso: [
        at(
          'art. 13',
          'De Excellus Academie behoudt zich het recht voor om een cursist die zich misdraagt van de training te ' +
            'verwijderen, indien de misdraging naar het oordeel van de Excellus Academie een verstorende invloed heeft ' +
            'op de training De cursist heeft dan geen recht op enige terugbetaling.',
        ),
        at(
          'art. 13',
          'De Excellus Academie heeft het recht om in uitzonderlijke gevallen en zonder opgave van reden een ' +
            'deelnemer voor aanvang van deelname aan een training uit te sluiten. De cursist heeft dan geen recht op ' +
            'terugbetaling van het volledige door deze aan de Excellus Academie betaalde bedrag.',
        ),
      ],
      interpretationIds: ['MONEY-I1'],
      catalogueVsSeed:
        'Art. 13 opens with a third case the catalogue leaves out: Excellus may exclude a participant before the ' +
        'start without giving a reason, and then there is no right to a refund "of the full amount" (so perhaps to a ' +
        'part). The ledger has no decision for it.',
      ledgerDecision: true,
    },
    {
      ruleId: 'EXC-8.2',
      rulebookId: 'excellus',
      title: 'Exam-only customers: one free resit within 6 (at most 8) weeks',
      text:
        'A customer who booked only a physical exam, without training at Excellus, has one free resit, held within ' +
        '6 and at the latest 8 weeks, with another examiner.',
      article: at(
        'art. 8 lid 2',
        'Indien het alleen een fysiek examen betreft zonder scholing vooraf bij de Excellus Academie, heeft u recht op ' +
          'een eenmalig herkansing, waar geen kosten aan zijn verbonden.',
      ),
      seeAlso: [
        at(
          'art. 8 lid 2',
          'De Excellus Academie zal zijn uiterste best doen dit herexamen binnen 6, maar in ieder geval binnen 8 weken ' +
            'te laten plaatsvinden. Er zal in dit geval een andere examinator het examen bij u afnemen.',
        ),
      ],
      interpretationIds: ['MONEY-I1'],
      ledgerDecision: true,
    },
    {
      ruleId: 'EXC-4.7',
      rulebookId: 'excellus',
      title: 'Return costs; opened sealed media cannot be returned',
      text:
        'After dissolving a material purchase the customer returns the material; Excellus may charge the direct ' +
        'return costs, and material on an electronic carrier whose seal was broken cannot be returned and is paid in ' +
        'full. The ledger: when material that had arrived (a date of receipt stated, or its delivery recorded) is ' +
        'withdrawn under EXC-4.5, nothing is settled until it is back (POST /enrolments/{id}/materials-returns). The ' +
        'return then keeps the direct return costs Excellus states (`returnCostsCents`, gross, at most the price) ' +
        'and grants back what was paid beyond them. For an offering stated to come on sealed media (option ' +
        '`sealedMedia`) the return must say whether the seal was broken (`sealBroken`); broken, the return is ' +
        'refused in the decision (`allowed: false`) and the whole price stays owed.',
      article: at(
        'art. 4 lid 7',
        'Wij zijn gerechtigd de directe kosten van het terugzenden voor uw rekening te laten komen. Het terugzenden ' +
          'geschiedt voor uw risico. Lesmateriaal dat op een elektronische gegevensdrager (USB stick of anders) is ' +
          'aangeboden en waarvan het zegel van de verpakking is verbroken, kan niet worden geretourneerd en de prijs ' +
          'ervan moet volledig door u aan de Excellus Academie worden voldaan.',
      ),
      seeAlso: [at('art. 4 lid 7', 'Dit zal ook in het aanbod komen te staan.')],
      interpretationIds: [],
      catalogueVsSeed:
        'The catalogue has no row for art. 4.7 (issue 12 asks for it). "De directe kosten van het terugzenden voor ' +
        'uw rekening": the ledger reads it as costs Excellus bore for the return (a pick-up, a prepaid label) and ' +
        'keeps them out of the refund or charges them; costs the customer paid to a carrier himself do not pass ' +
        'through the ledger. "Voor uw risico" (loss or damage on the way) is not decided. An offering that is sold ' +
        'partly on sealed media is treated as wholly so: the seal concerns the whole purchase. The refusal is a ' +
        'recorded decision with its money (the price stays owed), not a 422, because the material has already come ' +
        'back to Excellus and the withdrawal stands.',
      ledgerDecision: true,
    },
    {
      ruleId: 'EXC-8.1',
      rulebookId: 'excellus',
      title: 'Material within 30 days, or the customer may dissolve',
      text:
        'Standard course material bought without education is delivered within 30 days unless agreed otherwise; ' +
        'when that is exceeded the customer may dissolve without notice of default. The ledger sets the deadline ' +
        'when material alone (the offering kind `material`) is bought, records the delivery, records a deadline ' +
        'passed undelivered as missed with the right to dissolve, and a dissolution on that ground credits every ' +
        'invoice and grants every payment back.',
      article: at(
        'art. 8 lid 1',
        'Bij de koop van standaard lesmateriaal zonder onderwijs is de maximale levertijd 30 dagen, tenzij anders ' +
          'wordt overeengekomen. Indien deze levertijd wordt overschreden, kunt u zonder nadere ingebrekestelling de ' +
          'overeenkomst ontbinden.',
      ),
      interpretationIds: [],
      catalogueVsSeed:
        'The catalogue has no row for art. 8.1 (issue 12 asks for it). "Tenzij anders wordt overeengekomen": the ' +
        'ledger knows no other agreed delivery time yet and always counts 30 calendar days from the purchase. The ' +
        'seed does not say whether the right survives a late delivery; the ledger grants it only while the material ' +
        'has not come.',
      ledgerDecision: true,
    },
    {
      ruleId: 'EXC-10.2',
      rulebookId: 'excellus',
      title: 'Instalments as the agreement sets them',
      text:
        'Where instalments were agreed they are paid by the terms and percentages the agreement sets, within art. ' +
        '10.3 (payment before the start; the full amount may be required 10 days before it). The ledger takes the ' +
        'plan from the offering (option `instalments`: 2 to 12 shares in basis points summing to 10,000, each due ' +
        'a number of days after the registration, in order), splits every component over the shares exactly, ' +
        'issues the first share as the registration invoice and every later one as an instalment invoice at the ' +
        'registration, and records the plan as a decision. A due date agreed later than 10 days before the start ' +
        'is brought forward to that day (EXC-10.3). No surcharge is charged.',
      article: at(
        'art. 10 lid 2',
        'Als betaling in termijnen is overeengekomen, moet u – met inachtneming van het bepaalde in lid 3 – betalen ' +
          'volgens de termijnen en de percentages, zoals deze in de overeenkomst zijn vastgesteld.',
      ),
      seeAlso: [
        at(
          'art. 10 lid 3',
          'De Excellus Academie mag van u verlangen dat het volledige bedrag uiterlijk 10 dagen vóór de dag van ' +
            'aanvang van de educatieve dienst, zoals bedoeld in artikel 2 lid 3 is voldaan.',
        ),
      ],
      interpretationIds: [],
      catalogueVsSeed:
        'The catalogue has no row for art. 10.2 (issue 12 asks for it). The seed leaves the number of instalments, ' +
        'their dates and any surcharge to the agreement; it names no surcharge, so the ledger charges none, and it ' +
        'bounds the number at 12. "Met inachtneming van lid 3" is read as: every instalment falls due no later than ' +
        'the EXC-10.3 due date (10 days before the start, or the registration day when that has passed); the seed ' +
        'says Excellus "mag verlangen" the full amount then, and the ledger applies that for instalments as it ' +
        'does for one payment. Material bought alone is paid under EXC-10.4 and takes no instalment plan.',
      ledgerDecision: true,
    },
    {
      ruleId: 'EXC-10.4',
      rulebookId: 'excellus',
      title: 'Material bought alone: paid on delivery, at most half in advance',
      text:
        'For material bought without education payment is due on delivery at the latest, and Excellus may require ' +
        'at most half of the price in advance, stated in the agreement. The ledger takes the share from the ' +
        'offering (option `prepaymentBasisPoints`, refused above 5,000 = half when the offering is defined). ' +
        'Without one, the whole price is invoiced at the purchase and due on the last day of the EXC-8.1 delivery ' +
        'term (30 days). With one, the registration invoice carries the prepayment, due within the default term ' +
        '(ENR-I1, 14 days) but not after that day, and an instalment invoice the rest, due on that day.',
      article: at(
        'art. 10 lid 4',
        'Bij de koop van lesmateriaal zonder onderwijs moet betaling uiterlijk geschieden ten tijde en ter plaatse ' +
          'van de aflevering. U kunt door de Excellus Academie tot vooruitbetaling van ten hoogste de helft van de ' +
          'koopprijs worden verplicht. Dit zal dan in de overeenkomst staan.',
      ),
      interpretationIds: ['ENR-I1'],
      catalogueVsSeed:
        'The catalogue has no row for art. 10.4 (issue 12 asks for it). The ledger invoices at the purchase and ' +
        'does not know the delivery day then, so "uiterlijk ten tijde van de aflevering" is dated to the last day ' +
        "the delivery is in time (EXC-8.1): an earlier delivery does not bring the payment forward (the customer's " +
        'favour), and a delivery later than that day leaves the invoice due while the material is missing (the ' +
        'customer may then dissolve under EXC-8.1 and gets everything back). Before this rule was modelled the ' +
        'ledger charged material the default 14 days from the purchase, which required the whole price before a ' +
        'delivery that may take 30 days; registrations recorded then keep their invoices.',
      ledgerDecision: true,
    },
    // ---- seed rules the ledger does not decide ------------------------------------------------
    {
      ruleId: 'EXC-14',
      rulebookId: 'excellus',
      title: 'Liability limited to what Excellus is insured for',
      text:
        "Taking part is at the participant's own risk; Excellus is liable only for damage it is (or should be) " +
        'insured against and that results directly from its deliberate recklessness, failure or intent.',
      article: at('art. 14', 'Deelname aan de training geschiedt geheel op eigen risico.'),
      interpretationIds: [],
      ledgerDecision: false,
      reason: 'A limit of liability for damages; the ledger does not compute or record damage claims.',
    },
  ],
  interpretations: [
    {
      id: 'EXC-I1',
      rulebookId: 'excellus',
      title: 'The gap between 1 month and 2 weeks is 60 %',
      source: 'catalogue',
      ruleIds: ['EXC-4.1'],
      touches: [{ rulebookId: 'excellus', decisionKinds: ['cancellation-fee'] }],
      versions: [
        {
          version: 1,
          reading:
            'A cancellation less than 1 month but at least 2 weeks before the start costs 60 %: on or before ' +
            'start - 14 days is 60 %, later 80 %.',
          reasoning:
            'The table jumps from "tussen 2 maanden en 1 maand" (60 %) to "minder dan 2 weken" (80 %) and says ' +
            "nothing about the weeks between. An unclear term is read in the customer's favour (art. 6:238 lid 2 " +
            'BW), so the lower band continues.',
          catalogueRevision: 1,
        },
      ],
    },
    {
      id: 'EXC-I2',
      rulebookId: 'excellus',
      title: 'Collection costs above 10,000.00 follow the statutory scale',
      source: 'catalogue',
      ruleIds: ['EXC-11'],
      touches: [{ rulebookId: 'excellus', decisionKinds: ['collection-costs'] }],
      versions: [
        {
          version: 1,
          reading:
            'Above 10,000.00 the statutory scale (WIK) continues: 1 % of the next 190,000.00, 0.5 % beyond, capped ' +
            'at 6,775.00.',
          reasoning:
            "The seed's scale stops at 10,000.00 and equals the statutory scale up to there; the statutory scale is " +
            'the maximum the law allows for the rest.',
          catalogueRevision: 1,
        },
      ],
    },
    {
      id: 'EXC-I3',
      rulebookId: 'excellus',
      title: 'Who has the cooling-off',
      source: 'catalogue',
      ruleIds: ['EXC-4.2', 'EXC-4.4'],
      touches: readingTouches('EXC-I3'),
      seedQuotes: [
        at(
          'art. 1 lid 1',
          'tussen de Excellus Academie, gevestigd te Neerlandia 2, 1841 JK Stompetoren en u als deelnemer, instelling ' +
            'en/of deelnemer',
        ),
        at('art. 4 lid 2', 'Bedenktermijn geldt niet bij in company en groepscursussen.'),
      ],
      versions: [
        {
          version: 1,
          reading:
            'The cooling-off of EXC-4.2 was for consumers only: a business customer cancelling within 14 days paid ' +
            'the EXC-4.1 band.',
          reasoning:
            'Catalogue rev 1 applied its shared definition (cooling-off and withdrawal rights are for consumers ' +
            'unless a rule says otherwise) without reading who "u" is in the seed.',
          catalogueRevision: 1,
        },
        {
          version: 2,
          reading:
            'The cooling-off applies to consumers and business customers (instellingen) alike; it is excluded only ' +
            'for in-company and group courses.',
          reasoning:
            'The seed gives the right to "u", which art. 1 defines as "deelnemer, instelling en/of deelnemer", and ' +
            'its only exclusions are in-company and group courses: the rule does say otherwise.',
          adoptedOn: '2026-12-03',
          catalogueRevision: 2,
        },
      ],
    },
    {
      id: 'EXC-I4',
      rulebookId: 'excellus',
      title: 'When an e-learning environment "is used"',
      source: 'catalogue',
      ruleIds: ['EXC-4.3'],
      touches: readingTouches('EXC-I4'),
      seedQuotes: [
        at(
          'art. 4, footnote *',
          'De inloggegevens worden namelijk eenmalig verstrekt en kunnen niet worden doorgegeven aan andere ' +
            'deelnemers.',
        ),
      ],
      versions: [
        {
          version: 1,
          reading:
            'For EXC-4.3 the e-learning environment "was used" when the learner had started it; login details issued ' +
            'but not used cost nothing.',
          reasoning: 'Catalogue rev 1 read "gebruik wordt gemaakt" in its everyday sense.',
          catalogueRevision: 1,
        },
        {
          version: 2,
          reading:
            'For EXC-4.3 an e-learning environment "is used" once its login details were issued, whether or not the ' +
            'learner started.',
          reasoning:
            'The footnote explains why these costs cannot be cancelled: "De inloggegevens worden namelijk eenmalig ' +
            'verstrekt" — what is spent is the one-time issue of the login, not the learner\'s use of it.',
          adoptedOn: '2026-12-03',
          catalogueRevision: 2,
        },
      ],
    },
  ],
};
