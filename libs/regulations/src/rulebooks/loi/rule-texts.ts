/**
 * LOI rule texts for auditors (seed 004, docs/seeds/004_af9451e6cc3ddd62.txt): every rule id and
 * interpretation id of the `loi` rulebook in the project's words, with the Dutch original quoted.
 */
import { quoteFrom } from '../../rule-texts/builders';
import type { RulebookTexts } from '../../rule-texts/types';

const at = quoteFrom('loi');

export const LOI_RULE_TEXTS: RulebookTexts = {
  rulebookId: 'loi',
  provider: 'LOI — inschrijfvoorwaarden thuisstudie',
  rules: [
    {
      ruleId: 'LOI-7.1',
      rulebookId: 'loi',
      title: 'Withdrawal within 14 calendar days',
      text:
        'A consumer may withdraw from the agreement within 14 calendar days after it was made, free of charge and ' +
        'without giving a reason. A business customer has no withdrawal right.',
      article: at(
        'art. 7.1',
        'Indien de Klant een particulier is, mag de Klant de overeenkomst binnen 14 kalenderdagen nadat deze tot ' +
          'stand is gekomen kosteloos en zonder opgaaf van redenen ontbinden (herroepingsrecht).',
      ),
      interpretationIds: [],
      ledgerDecision: true,
    },
    {
      ruleId: 'LOI-7.3',
      rulebookId: 'loi',
      title: 'Materials back within 14 days; tuition refunded within 14 days',
      text:
        'After a withdrawal the customer returns the materials within 14 days; paid tuition is refunded within 14 ' +
        'days after the withdrawal or after the returned materials arrive, whichever is later. The refund due date ' +
        'is tracked.',
      article: at(
        'art. 7.3',
        'Na ontvangst van verzoek tot ontbinding door de LOI heeft de Klant nog 14 dagen de tijd om eventueel ' +
          'ontvangen Artikelen, waaronder opleidingsmateriaal voldoende gefrankeerd te retourneren. LOI betaalt ' +
          'eventueel betaald lesgeld zo spoedig mogelijk terug, uiterlijk 14 dagen na ontbinding van de overeenkomst ' +
          'of na het retour ontvangen van toegezonden opleidingsmateriaal.',
      ),
      interpretationIds: [],
      catalogueVsSeed:
        'The seed says the refund is due 14 days "na ontbinding van de overeenkomst of na het retour ontvangen" ' +
        '(or); "whichever is later" is the catalogue\'s reading. The seed also counts the 14 return days from LOI\'s ' +
        'receipt of the request ("Na ontvangst van verzoek tot ontbinding door de LOI"), where the catalogue says ' +
        '"after the withdrawal".',
      ledgerDecision: true,
    },
    {
      ruleId: 'LOI-7.4',
      rulebookId: 'loi',
      title: 'Materials not in original state: return refused, or a value reduction',
      text:
        'Returned materials not in their original state are refused: the customer keeps the course or pays a value ' +
        'reduction LOI sets.',
      article: at(
        'art. 7.4',
        'Retourzendingen worden alleen geaccepteerd indien de Artikelen zich in originele staat bevinden. Dat wil ' +
          'zeggen onbeschadigd en onbeschreven, compleet, slechts behandeld als redelijkerwijs voor bezichtiging nodig ' +
          'is en in de originele verpakking. Als niet aan deze voorwaarden voldaan wordt, dan accepteert de LOI de ' +
          'retourzending niet en is de Klant verplicht de opleiding af te nemen dan wel een door de LOI te bepalen ' +
          'waardevermindering te vergoeden.',
      ),
      interpretationIds: ['MONEY-I1'],
      ledgerDecision: true,
    },
    {
      ruleId: 'LOI-9.1',
      rulebookId: 'loi',
      title: 'Service duration: twice the study duration, 12 to 72 months',
      text:
        'The service duration is twice the study duration, at least 12 and at most 72 months: 4 months of study ' +
        'gives 12, 8 gives 16, 48 gives 72.',
      article: at(
        'art. 9.1',
        'De serviceduur bedraagt standaard twee keer de studieduur met een minimum van 12 maanden en een maximum van ' +
          '72 maanden (6 jaar). Een opleiding van 4 maanden heeft dus een serviceduur van 12 maanden, een opleiding ' +
          'van 8 maanden een serviceduur van 16 maanden en een volledige HBO-bachelor een serviceduur van 72 maanden.',
      ),
      interpretationIds: [],
      ledgerDecision: true,
    },
    {
      ruleId: 'LOI-10',
      rulebookId: 'loi',
      title: 'Modules: 2 at the start, at most 5 at once, all within the service duration',
      text:
        'Two modules are activated at the start of the service duration; at most 5 can be active at once; activating ' +
        'a module may need prerequisites; every module must be activated and completed within the service duration.',
      article: at(
        'art. 10.2',
        'Bij start van de serviceduur zijn twee modules geactiveerd. Overige modules dient de Klant zelf binnen de ' +
          'serviceduur te activeren in de digitale leeromgeving.',
      ),
      seeAlso: [
        at('art. 10.3', 'Er kunnen maximaal 5 modules gelijktijdig geactiveerd zijn.'),
        at(
          'art. 10.5',
          'Alle modules moeten geactiveerd en afgerond zijn binnen de voor de opleiding geldende serviceduur.',
        ),
        at('art. 10.1', 'MBO en HBO opleidingen bestaan uit modules.'),
      ],
      interpretationIds: [],
      catalogueVsSeed:
        'The seed says MBO and HBO courses consist of modules (art. 10.1); the catalogue states the module rules ' +
        'without that limit. The ledger applies them to offerings that have modules.',
      ledgerDecision: true,
    },
    {
      ruleId: 'LOI-4',
      rulebookId: 'loi',
      title: 'Recognised MBO: the required data within 30 days',
      text:
        'For a recognised MBO course the customer delivers a copy of the diplomas, the personal number and the signed ' +
        'education agreement within 30 days after registration; until then the learner cannot continue or sit ' +
        'exams. The deadline is tracked.',
      article: at(
        'art. 4.1',
        'Bij inschrijving voor een volledige, erkende MBO opleiding verplicht de Klant zich tot het leveren van een ' +
          'aantal wettelijk vereiste, aanvullende gegevens. Binnen 30 dagen levert Klant de volgende gegevens:',
      ),
      seeAlso: [
        at(
          'art. 4.2',
          'Als de onder punt 1 bedoelde gegevens niet tijdig en/of compleet zijn aangeleverd of niet aan de voor de ' +
            'betreffende opleiding geldende eisen voldoet, kan de student op enig moment niet (verder) studeren en ' +
            'niet deelnemen aan examens.',
        ),
      ],
      interpretationIds: [],
      catalogueVsSeed:
        "The seed also blocks the learner when the data is incomplete or does not meet the course's requirements; " +
        'the catalogue (and the ledger) track only whether it arrived in time.',
      ledgerDecision: true,
    },
    {
      ruleId: 'LOI-5.3-4',
      rulebookId: 'loi',
      title: 'Recognised training is VAT-exempt; other training carries VAT',
      text:
        'Amounts exclude VAT. Recognised training is VAT-exempt and invoiced by Leidse Onderwijsinstellingen B.V.; ' +
        'other training carries VAT and is invoiced by LOI Zakelijk B.V. The invoicing entity follows the VAT regime.',
      article: at(
        'art. 5.3',
        'Alle door LOI genoemde bedragen zijn exclusief btw Een wettelijk erkende Opleiding is vrijgesteld van btw en ' +
          'zal verzorgd worden door Leidse Onderwijsinstellingen B.V.',
      ),
      seeAlso: [
        at(
          'art. 5.4',
          'Een niet-wettelijk erkende Opleiding is in beginsel belast met het toepasselijke btw-tarief en zal verzorgd ' +
            'worden vanuit LOI Zakelijk B.V.',
        ),
      ],
      interpretationIds: ['MONEY-I1'],
      ledgerDecision: true,
    },
    {
      ruleId: 'LOI-6.2-3',
      aliases: ['LOI-6.3'],
      rulebookId: 'loi',
      title: 'Late payment: a reminder, then interest from the original due date; costs at most 15 %',
      text:
        'The customer is in default once the payment term passes. LOI sends a reminder; if it is not paid within the ' +
        "reminder's term, statutory interest is charged from the original due date. Collection costs are at most " +
        '15 % of the amount owed: the lower of the statutory scale (WIK-2) and 15 %.',
      article: at(
        'art. 6.2',
        'De Klant is van rechtswege in verzuim zonder dat aanvullende ingebrekestelling noodzakelijk is vanaf de ' +
          'datum waarop de geldende betalingstermijn is verstreken en de verschuldigde vergoeding niet volledig is ' +
          'betaald. LOI stuurt de Klant daarop een betalingsherinnering, waarna de Klant binnen de daarin genoemde ' +
          'termijn alsnog kan betalen. Als de Klant ook na deze termijn de volledige verschuldigde vergoeding niet ' +
          'heeft betaald, kan LOI bij de Klant de wettelijke rente in rekening brengen met ingang van de datum waarop ' +
          'de oorspronkelijke betalingstermijn is verstreken.',
      ),
      seeAlso: [
        at(
          'art. 6.3',
          'De vergoeding voor deze incassokosten bedraagt maximaal 15% van het door de Klant verschuldigde bedrag.',
        ),
      ],
      interpretationIds: ['WIK-I1', 'WIK-I2', 'FIN-I2', 'FIN-I3', 'INT-I1', 'INT-I2', 'INT-I3', 'INT-I4'],
      catalogueVsSeed:
        'The catalogue\'s §6 cites this cap as "LOI-6.3" while its table names the rule LOI-6.2-3; both ids lead ' +
        'here.',
      ledgerDecision: true,
    },
    {
      ruleId: 'LOI-11',
      rulebookId: 'loi',
      title: 'Exam fees in monthly instalments are not refunded; a resit costs extra',
      text:
        'For courses whose exam fees are paid in monthly instalments, skipping an exam refunds nothing, and a resit ' +
        'costs an additional exam fee.',
      article: at(
        'art. 11',
        'Het niet deelnemen aan een of meerdere examens resulteert niet in restitutie van het vooraf in rekening ' +
          'gebrachte examengeld.',
      ),
      seeAlso: [
        at(
          'art. 11.3',
          'Indien een examen niet gehaald wordt, kan de Klant zich opgeven voor een herkansing. Hiervoor wordt ' +
            'additioneel examengeld in rekening gebracht.',
        ),
      ],
      interpretationIds: ['MONEY-I1'],
      catalogueVsSeed:
        'The seed distinguishes three kinds of exams (fees in monthly instalments, exams booked separately, exams of ' +
        'another institute); the catalogue and the ledger cover the first only.',
      ledgerDecision: true,
    },
    {
      ruleId: 'LOI-12.2',
      rulebookId: 'loi',
      title: 'No early termination for self-study or courses of 6 months or shorter',
      text: 'A self-study course (no tutor) or a course of 6 months or shorter cannot be terminated early.',
      article: at(
        'art. 12.2',
        'Voortijdige beëindiging is niet mogelijk bij opleidingen zonder docentbegeleiding (zelfstudies) of ' +
          'opleidingen met een studieduur van zes (6) maanden of korter.',
      ),
      interpretationIds: [],
      ledgerDecision: true,
    },
    {
      ruleId: 'LOI-12.3-HO',
      rulebookId: 'loi',
      title: 'Higher education: notice 2 months before the end of the study year',
      text:
        'A higher-education course (bachelor, post-bachelor, master, masterclass, HBO module, Associate degree) of ' +
        '12 months or longer can be terminated only by written notice at least 2 months before the end of the ' +
        'current study year (12-month periods from the start date); notice in time ends the course at the end of ' +
        'that study year, later notice at the end of the next (LOI-I1). Shorter than 12 months: not terminable.',
      article: at(
        'art. 12.3, Hoger onderwijs opleidingen a',
        'Hoger onderwijs opleidingen (bachelor, post-bachelor, master, masterclass, HBO-deelprogramma en Associate ' +
          'degree) met een studieduur van tenminste 12 maanden kunnen alleen voortijdig beëindigd worden indien de ' +
          'Klant uiterlijk twee maanden vóór het einde van het lopende studiejaar (van 12 maanden), gerekend vanaf de ' +
          'aanvangsdatum van de Opleiding, dit schriftelijk kenbaar maakt aan de LOI.',
      ),
      seeAlso: [
        at(
          'art. 12.3, Hoger onderwijs opleidingen b',
          'Hoger onderwijs opleidingen met een studieduur korter dan 12 maanden kunnen niet voortijdig beëindigd ' +
            'worden.',
        ),
      ],
      interpretationIds: ['LOI-I1', 'MONEY-I1'],
      ledgerDecision: true,
    },
    {
      ruleId: 'LOI-12.3-MBO',
      rulebookId: 'loi',
      title: 'MBO: as higher education when longer than 12 months',
      text:
        'An MBO course longer than 12 months follows LOI-12.3-HO (notice 2 months before the end of the study ' +
        'year); one of 12 months or shorter cannot be terminated early.',
      article: at(
        'art. 12.3, MBO opleidingen a',
        'MBO opleidingen met een studieduur van meer dan 12 maanden kunnen alleen voortijdig beëindigd worden indien ' +
          'de Klant dit uiterlijk twee maanden vóór het einde van het lopende studiejaar (van 12 maanden), gerekend ' +
          'vanaf de aanvangsdatum van de studie, schriftelijk kenbaar maakt.',
      ),
      seeAlso: [
        at(
          'art. 12.3, MBO opleidingen b',
          'MBO opleidingen met een studieduur van 12 maanden of minder kunnen niet voortijdig beëindigd worden.',
        ),
      ],
      interpretationIds: ['LOI-I1', 'MONEY-I1'],
      ledgerDecision: true,
    },
    {
      ruleId: 'LOI-12.3-OV',
      rulebookId: 'loi',
      title: "Other courses: 3 months' notice from the start date's day of the month",
      text:
        "Other courses have 3 months' notice, starting on the first calendar day on or after receipt of the request " +
        "whose day of the month equals the start date's (days 29-31 clamp to the month's last day). A request after " +
        'the withdrawal period but before the start date starts the notice at the start date. Seed example: start ' +
        '23 Feb; request 20 Jun gives notice 23 Jun to 23 Sep; request 30 Jun gives 23 Jul to 23 Oct.',
      article: at(
        'art. 12.3, Overige opleidingen a',
        'Voor alle overige opleidingen geldt een opzegtermijn van 3 maanden. De opzegtermijn gaat in op de ' +
          'eerstvolgende kalenderdag die gelijk is aan de Aanvangsdatum.',
      ),
      seeAlso: [
        at(
          'art. 12.3, Overige opleidingen a',
          'Bijvoorbeeld: de Aanvangsdatum was 23 februari en LOI ontvangt het verzoek tot voortijdige beëindiging op ' +
            '20 juni. Dan gaat de opzegtermijn in op 23 juni en eindigt deze op 23 september.',
        ),
        at(
          'art. 12.3, Overige opleidingen b',
          'Indien het verzoek tot voortijdige beëindiging ontvangen wordt na de herroepingstermijn (Artikel 7) maar ' +
            'voor de Aanvangsdatum, gaat de opzegtermijn in op de geplande Aanvangsdatum.',
        ),
      ],
      interpretationIds: ['MONEY-I1'],
      catalogueVsSeed:
        '"De eerstvolgende kalenderdag" may mean strictly after the day of receipt; the catalogue says "on or after ' +
        'receipt", so a request received on the day of the month itself starts the notice that day. The seed says ' +
        "nothing about start dates on the 29th-31st; clamping to the month's last day is the catalogue's addition.",
      ledgerDecision: true,
    },
    {
      ruleId: 'LOI-12.4',
      rulebookId: 'loi',
      title: 'What is owed on early termination',
      text:
        'Tuition and exam fees are due for the notice period; extra materials are paid on termination; whatever was ' +
        'paid beyond that is refunded automatically.',
      article: at(
        'art. 12.4 a',
        'Lesgeld en eventueel examengeld is ook verschuldigd voor de duur van de opzegtermijn.',
      ),
      seeAlso: [
        at(
          'art. 12.4 b',
          'De prijs van aangeschafte extra materialen, zoals hard- en software, zal bij opzegging voldaan moeten ' +
            'worden.',
        ),
        at(
          'art. 12.4 c',
          'Een eventueel door de Klant te veel betaald bedrag zal automatisch op de rekening van de Klant teruggestort ' +
            'worden.',
        ),
      ],
      interpretationIds: ['LOI-I1', 'LEDGER-I1', 'MONEY-I1'],
      ledgerDecision: true,
    },
    {
      ruleId: 'LOI-14',
      rulebookId: 'loi',
      title: 'Students abroad pay a monthly surcharge',
      text: 'Customers abroad pay a surcharge per month; the amount is a rulebook parameter (the seed gives none).',
      article: at(
        'art. 14',
        'Klanten in het buitenland betalen een toeslag per maand om de meerkosten voor onder andere verzending te ' +
          'dekken.',
      ),
      interpretationIds: [],
      ledgerDecision: true,
    },
    // ---- seed rules the ledger does not decide ------------------------------------------------
    {
      ruleId: 'LOI-15.1',
      rulebookId: 'loi',
      title: 'Liability capped at the tuition and exam fees paid',
      text: "LOI's liability is limited to the tuition and exam fees the customer paid.",
      article: at(
        'art. 15.1',
        'De aansprakelijkheid van de LOI is beperkt tot maximaal het door de Klant betaalde lesgeld en examengeld.',
      ),
      interpretationIds: [],
      ledgerDecision: false,
      reason:
        'A cap on damages LOI may owe. The ledger records fees, refunds, rights and deadlines under the terms; ' +
        'damage claims are settled outside it and never computed from the log.',
    },
    {
      ruleId: 'LOI-15.2',
      rulebookId: 'loi',
      title: 'Refusal, suspension or removal for conduct',
      text: 'LOI may refuse, suspend or remove a customer in special circumstances (antisocial, aggressive or fraudulent conduct).',
      article: at(
        'art. 15.2',
        'De LOI behoudt zich het recht voor de Klant in bijzondere omstandigheden te weigeren, schorsen en/of te ' +
          'verwijderen.',
      ),
      interpretationIds: [],
      ledgerDecision: false,
      reason: 'A judgement about conduct with no fee, refund or deadline attached in the seed.',
    },
    {
      ruleId: 'LOI-8',
      rulebookId: 'loi',
      title: 'Suspension for non-performance',
      text:
        'When the customer does not perform its obligations, LOI may suspend its own and interrupt the course. The ' +
        'ledger records the suspension as a decision naming the ground: an invoice of the agreement unpaid past its ' +
        'due date (the customer is in default, LOI-6.2-3), the LOI-4 documents missing after their deadline, or ' +
        "another obligation LOI names. The first two are checked against the agreement's facts and refused when " +
        'they do not hold. While suspended, attendance, exam results, certificates and module activation are ' +
        "refused. The interruption is at the customer's risk: the fees stay due (nothing is credited or refunded) " +
        'and the service duration (LOI-9.1) is not extended when the suspension ends; the decision states the ' +
        'unchanged end of the service duration and, at the end, the days suspended.',
      article: at(
        'art. 8.1',
        'Als de Klant een of meer verplichtingen uit de overeenkomst of de Algemene Voorwaarden niet (volledig) ' +
          'nakomt, is de LOI gerechtigd om haar verplichtingen op te schorten en de opleiding te onderbreken of ' +
          'uiteindelijk te beëindigen.',
      ),
      seeAlso: [
        at(
          'art. 8.2',
          'De gevolgen van het onderbreken van de opleiding als bedoeld in lid 1 zijn voor rekening en risico van ' +
            'de Klant. Deze gevolgen zijn onder andere:',
        ),
        at(
          'art. 8.2 b',
          'De studie loopt vertraging op wat tot gevolg kan hebben dat de opleiding niet meer (geheel) aansluit op ' +
            'het examen of dat er geen examen meer kan worden afgelegd en de studie niet afgerond kan worden met een ' +
            'diploma.',
        ),
        at(
          'art. 8.4',
          'Het in verzuim zijn door de Klant betekent niet dat daarmee de overeenkomst tussen de Klant en de LOI is ' +
            'beëindigd.',
        ),
      ],
      interpretationIds: [],
      catalogueVsSeed:
        'The catalogue has no row for art. 8 (issue 12 asks for it). The seed does not say what money or deadlines ' +
        "a suspension changes; it puts the consequences at the customer's risk (art. 8.2) and keeps the agreement " +
        'running (art. 8.4), so the ledger reads it as: fees stay due, no refund, and the service duration is not ' +
        'extended by the days suspended (art. 8.2 b: the study is delayed). The seed names no particular ' +
        'obligation; the ledger verifies the two it holds facts for (payment, LOI-4 documents) and records any ' +
        'other as LOI states it. It does not say when the interruption ends: LOI ends it (POST .../resumptions), ' +
        'and the ledger does not require the ground to be cured first. Ending the course for non-performance ' +
        '(art. 8.1 "uiteindelijk te beëindigen", art. 8.3: art. 12 applies) is not modelled as an act of its own.',
      ledgerDecision: true,
    },
    {
      ruleId: 'LOI-17',
      rulebookId: 'loi',
      title: "10 days' notice of changed terms",
      text:
        'LOI may change its terms; a change is announced at least 10 calendar days before it takes effect, by ' +
        "personal notice or publication on LOI's website. The ledger records changed terms as a new version of the " +
        'rulebook (POST /rulebooks/loi/versions) with a decision that counts the notice: the first day may be the ' +
        'Amsterdam date of the notice plus 10 calendar days at the earliest (notice on 22 December: from 1 January), ' +
        'and a change that would take effect earlier is refused naming that date. From its first day every act ' +
        'decides under the new version, on running agreements too. A change may set the figures the ledger decides ' +
        'with (LOI-14 surcharge abroad, LOI-6.3 collection-cost cap, LOI-12.3-OV notice period, LOI-4 document ' +
        'deadline, LOI-10 active modules) or none (a change in words only); the withdrawal periods stay statutory.',
      article: at(
        'art. 17',
        'Wijzigingen worden tenminste tien kalenderdagen voor inwerking-treding bekend gemaakt door persoonlijke ' +
          'kennisgeving of algemene publicatie op de website van de LOI.',
      ),
      seeAlso: [
        at(
          'art. 17',
          'Tenzij schriftelijk anders overeengekomen kunnen de inschrijffvoorwaarden door LOI worden gewijzigd.',
        ),
      ],
      interpretationIds: [],
      catalogueVsSeed:
        'The catalogue has no row for art. 17 (issue 12 asks for it). "Tenminste tien kalenderdagen voor ' +
        'inwerkingtreding" is read as: the first day in force is at least 10 calendar days after the day of the ' +
        'notice (the notice day itself not counted, as SPOT-4.2 counts "3 months before"); a stricter reading (10 ' +
        'whole days between notice and first day) would move the earliest day by one. The notice day is the business ' +
        'time the change is published with, taken as the Amsterdam date, whichever channel was used. The seed gives ' +
        'the customer no right to end the agreement over a change, so the ledger records none; what the law may ' +
        'give a consumer is not in the terms. "Tenzij schriftelijk anders overeengekomen" (written agreements ' +
        'otherwise) is not modelled: a published version applies to every LOI agreement from its first day.',
      ledgerDecision: true,
    },
  ],
  interpretations: [
    {
      id: 'LOI-I1',
      rulebookId: 'loi',
      title: 'When a terminated study year ends',
      source: 'catalogue',
      ruleIds: ['LOI-12.3-HO', 'LOI-12.3-MBO', 'LOI-12.4'],
      touches: [{ rulebookId: 'loi', decisionKinds: ['early-termination'] }],
      versions: [
        {
          version: 1,
          reading:
            'Notice received in time (at least 2 months before the end of the current study year) ends the course at ' +
            'the end of that study year; later notice ends it at the end of the next study year. A study year ends ' +
            'on its anniversary; notice must be received by the anniversary minus 2 months.',
          reasoning:
            'The seed says when notice must be given but not when the course then ends; a study year is the unit ' +
            'of the agreement ("studiejaar (van 12 maanden)"), so notice ends the year it was given for, and late ' +
            'notice the one after.',
          catalogueRevision: 1,
        },
      ],
    },
  ],
};
