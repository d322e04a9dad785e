/**
 * Rule texts not tied to one rulebook: the catalogue's shared definitions (§0), statutory interest and
 * collection costs (§6), the statutes decisions cite (BW, GDPR), and the ledger's own shared readings
 * (calendar, money, interest, collection costs, finance reads; docs/interpretations.md).
 */
import { ledgerInterpretation, quoteFrom, readingTouches } from './builders';
import type { InterpretationText, InterpretationTouch, RuleText, SharedDefinition } from './types';

const plusport = quoteFrom('plusport');
const excellus = quoteFrom('excellus');
const loi = quoteFrom('loi');

/** The reminder decisions of the rulebooks that have a late-payment rule of their own. */
const REMINDER_KINDS: readonly InterpretationTouch[] = [
  { rulebookId: 'excellus', decisionKinds: ['collection-costs'] },
  { rulebookId: 'loi', decisionKinds: ['late-payment'] },
];

const BALANCES = 'customer balances computed on read (GET /customers/{id}/balance, the balances CSV)';

export const SHARED_RULE_TEXTS: readonly RuleText[] = [
  {
    ruleId: 'BW-6:119',
    rulebookId: null,
    title: 'Statutory interest (catalogue §6)',
    text:
      'Simple interest per day on the overdue principal at the rate in force on that day (rates change on 1 January ' +
      'and 1 July), compounded once a year: at the end of each year of default the interest so far is added to the ' +
      'principal (art. 6:119 lid 2 BW). Consumers pay the consumer rate (art. 6:119 BW), businesses the commercial ' +
      'rate (art. 6:119a BW, ECB refinancing rate + 8 points); both tables are rulebook data with the date each rate ' +
      'took effect and its source. For a period the tables do not cover the ledger says "rate unknown" and never ' +
      'guesses a rate.',
    article: {
      ref: 'art. 6:119 and 6:119a BW',
      statute: 'Burgerlijk Wetboek, Boek 6',
      quoteNl: null,
      seedFile: null,
    },
    seeAlso: [
      plusport(
        'PlusPort art. 5.4',
        'Indien de op de factuur vermelde betalingstermijn wordt overschreden, is Opdrachtgever c.g. Cursist, zonder ' +
          'dat van PlusPort bv enige aanmaning of ingebrekestelling nodig is, over het openstaande bedrag wettelijke ' +
          'rente verschuldigd.',
      ),
      loi(
        'LOI art. 6.2',
        'kan LOI bij de Klant de wettelijke rente in rekening brengen met ingang van de datum waarop de ' +
          'oorspronkelijke betalingstermijn is verstreken.',
      ),
    ],
    interpretationIds: ['INT-I1', 'INT-I2', 'INT-I3', 'INT-I4', 'FIN-I1', 'FIN-I4', 'FIN-I5', 'FIN-I8', 'FIN-I13'],
    ledgerDecision: true,
  },
  {
    ruleId: 'WIK-2',
    rulebookId: null,
    title: 'Collection costs: the statutory scale (WIK)',
    text:
      'Extrajudicial collection costs follow the scale of art. 2 of the Besluit vergoeding voor buitengerechtelijke ' +
      'incassokosten: 15 % of the first 2,500.00, 10 % of the next 2,500.00, 5 % of the next 5,000.00, 1 % of the ' +
      'next 190,000.00 and 0.5 % of the rest; at least 40.00, at most 6,775.00. Example: 3,000.00 owed gives 425.00. ' +
      'For a consumer they are owed only after a reminder that gives 14 days to pay (BW-6:96-6). Where a rulebook ' +
      'sets a lower cap (LOI-6.2-3: at most 15 %), the lower amount applies.',
    article: {
      ref: 'art. 2 Besluit vergoeding voor buitengerechtelijke incassokosten',
      statute: 'Besluit vergoeding voor buitengerechtelijke incassokosten (Staatsblad 2012, 141)',
      quoteNl: null,
      seedFile: null,
    },
    seeAlso: [
      excellus(
        'Excellus art. 11 lid 3',
        'Deze incassokosten bedragen maximaal: 15% over openstaande bedragen tot € 2.500,-; 10% over de ' +
          'daaropvolgende € 2.500,- en 5% over de volgende € 5.000,- met een minimum van € 40,-.',
      ),
      loi(
        'LOI art. 6.3',
        'De vergoeding voor deze incassokosten bedraagt maximaal 15% van het door de Klant verschuldigde bedrag.',
      ),
      plusport(
        'PlusPort art. 5.6',
        'Alle kosten die PlusPort bv moet maken voor incasso van niet-betaalde facturen zijn voor rekening van ' +
          'Opdrachtgever c.g. Cursist.',
      ),
    ],
    interpretationIds: ['WIK-I1', 'WIK-I2', 'EXC-I2', 'FIN-I2', 'FIN-I3', 'FIN-I14'],
    ledgerDecision: true,
  },
  {
    ruleId: 'BW-6:96-6',
    rulebookId: null,
    title: 'A reminder with 14 days to pay before collection costs',
    text:
      'Collection costs are owed only after a reminder (the "14-day letter") that gives at least 14 days to pay, ' +
      'counted from the day after the reminder is received. Rulebooks without a late-payment rule of their own (VLI, ' +
      'SPOT LMS) give their reminders under this rule; a reminder with a shorter term is refused.',
    article: { ref: 'art. 6:96 lid 6 BW', statute: 'Burgerlijk Wetboek, Boek 6', quoteNl: null, seedFile: null },
    seeAlso: [
      excellus(
        'Excellus art. 11',
        'De Excellus Academie zendt na het verstrijken van die datum een kosteloze betalingsherinnering en geeft u de ' +
          'gelegenheid binnen 14 dagen, na ontvangst van deze betalingsherinnering alsnog te betalen.',
      ),
    ],
    interpretationIds: ['WIK-I2', 'FIN-I2', 'FIN-I7'],
    ledgerDecision: true,
  },
  {
    ruleId: 'GDPR-17',
    rulebookId: null,
    title: 'Right to erasure',
    text:
      "On a data subject's request their personal data is erased: the key that encrypts it is destroyed and an " +
      'erasure event without personal data is recorded, so amounts and decisions stay while names and e-mails read ' +
      'as "[erased]". Erasure at the end of a retention period cites the rulebook\'s retention rule instead (VLI-5.2).',
    article: {
      ref: 'art. 17 AVG (GDPR)',
      statute: 'Algemene verordening gegevensbescherming (EU) 2016/679',
      quoteNl: null,
      seedFile: null,
    },
    interpretationIds: [],
    ledgerDecision: true,
  },
];

export const SHARED_INTERPRETATIONS: readonly InterpretationText[] = [
  {
    id: 'CAL-I1',
    rulebookId: null,
    title: 'Days equated to holidays by Royal Decree are working days',
    source: 'catalogue',
    ruleIds: ['PP-15.5-EX', 'PP-15.5-PS', 'PP-15.5-CLS', 'PP-14.4', 'PP-14.5', 'PP-16.5', 'VLI-6.2'],
    touches: [
      {
        rulebookId: 'plusport',
        decisionKinds: ['cancellation-fee', 'cancellation-evidence', 'reschedule', 'complaint'],
      },
      { rulebookId: 'vli', decisionKinds: ['complaint-deadlines'] },
    ],
    versions: [
      {
        version: 1,
        reading:
          'Days equated to holidays by Royal Decree (Algemene termijnenwet art. 3 lid 3, e.g. the Friday after ' +
          'Ascension) are not excluded: they are working days. Only the days of art. 3 lid 1 and 2 are.',
        reasoning:
          "The seeds' working days are commercial, and fewer working days would raise the customer's fee. The " +
          'calendar is versioned data, so a provider can add its own closing days in a new rulebook version.',
        catalogueRevision: 1,
      },
    ],
  },
  {
    id: 'MONEY-I1',
    rulebookId: null,
    title: 'feeCents excludes VAT in every rulebook',
    source: 'catalogue',
    ruleIds: [
      'PP-15.5-EL',
      'PP-15.5-EX',
      'PP-15.5-PS',
      'PP-15.5-CLS',
      'PP-15.5-BOOK',
      'PP-14.5',
      'VLI-2.3',
      'VLI-4.3b',
      'EXC-4.1',
      'EXC-4.3',
      'LOI-12.4',
      'LOI-7.4',
      'LOI-5.3-4',
    ],
    touches: readingTouches('MONEY-I1'),
    seedQuotes: [
      plusport(
        'PlusPort art. 5.1',
        'Alle prijzen zijn exclusief btw hoog en andere heffingen die van overheidswege worden opgelegd.',
      ),
      loi('LOI art. 5.3', 'Alle door LOI genoemde bedragen zijn exclusief btw'),
      excellus(
        'Excellus art. 7 lid 5',
        'Genoemde prijzen luiden in euro’s en zijn vrijgesteld van Btw, tenzij expliciet anders vermeld of ' +
          'schriftelijk overeengekomen.',
      ),
    ],
    versions: [
      {
        version: 1,
        reading:
          'A decision stated its fee in `feeCents` as each rulebook computed it: PlusPort on the price excluding VAT, ' +
          'VLI and LOI on the price including VAT (a VLI training of 595.00 cancelled 47 hours before the start: ' +
          '`feeCents` 71,995).',
        reasoning:
          "Catalogue rev 1 said prices exclude VAT unless said otherwise, but did not say whether a decision's " +
          '`feeCents` is net or gross, and the rulebooks were encoded differently.',
        catalogueRevision: 1,
      },
      {
        version: 2,
        reading:
          '`feeCents` is always the fee excluding VAT, computed on the price excluding VAT, in every rulebook; a ' +
          'decision also states `feeVatCents` and `feeGrossCents` beside it. `refundCents` is money to pay back, VAT ' +
          'included. (The same VLI cancellation: `feeCents` 59,500, `feeGrossCents` 71,995.)',
        reasoning:
          'One field must mean one thing across rulebooks, or totals and comparisons across providers are wrong; the ' +
          'seeds state prices excluding VAT (PlusPort art. 5.1, LOI art. 5.3) or VAT-exempt (Excellus art. 7 lid ' +
          '5), and invoices show net, VAT and gross.',
        adoptedOn: '2026-12-03',
        catalogueRevision: 2,
      },
    ],
  },
  ledgerInterpretation({
    id: 'LEDGER-I1',
    rulebookId: null,
    title: 'Refund term where a rulebook sets none',
    ruleIds: ['PP-15.1', 'PP-7.3', 'EXC-4.9', 'LOI-12.4'],
    touches: [],
    alsoActsOn: 'refund entitlements: the due date of RefundEntitlementGranted (GET /refunds)',
    reading:
      'Where a rulebook sets no refund term, a refund entitlement is due 14 calendar days after the decision that grants it.',
    reasoning:
      'A refund owed needs a due date to be tracked and listed; the ledger uses 14 days, the term the one seed that ' +
      'sets a refund term uses (LOI art. 7.3).',
  }),
  ledgerInterpretation({
    id: 'ENR-I1',
    rulebookId: null,
    title: 'Payment term where a rulebook sets none',
    ruleIds: ['EXC-10.3'],
    touches: [],
    alsoActsOn: 'enrolment invoices of VLI, LOI and Excellus e-learning and material: InvoiceIssued.dueDate',
    reading:
      'Where a rulebook sets no payment term (VLI, LOI, Excellus e-learning and material), an invoice is due 14 days ' +
      'after issue, but no later than the day before the start.',
    reasoning:
      'Interest and reminders need a due date. Paying before the start is what PlusPort (art. 5.3) and Excellus ' +
      '(art. 10 lid 3) require; 14 days matches the refund term the ledger uses (LEDGER-I1).',
  }),
  ledgerInterpretation({
    id: 'INT-I1',
    rulebookId: null,
    title: 'Interest day count: actual/actual by calendar year',
    ruleIds: ['BW-6:119'],
    touches: [],
    alsoActsOn: BALANCES,
    reading:
      "A day's interest is rate / 365 or rate / 366 by that day's year, so a full year at one rate yields exactly " +
      'that rate.',
    reasoning:
      'The statutory rate is a yearly rate; the law gives no day count, and this one neither gains nor loses a day in leap years.',
  }),
  ledgerInterpretation({
    id: 'INT-I2',
    rulebookId: null,
    title: 'Interest is exact until capitalised',
    ruleIds: ['BW-6:119'],
    touches: [],
    alsoActsOn: BALANCES,
    reading:
      'Interest is kept as an exact fraction and rounded half-up to the cent only when capitalised (each ' +
      'anniversary, art. 6:119 lid 2 BW) and at the end; periods are differences of running totals, so they add up ' +
      'exactly.',
    reasoning:
      'Rounding each day would add up to cents nobody owes; rounding once per computation is the money rule of the catalogue §0.',
  }),
  ledgerInterpretation({
    id: 'INT-I3',
    rulebookId: null,
    title: 'Years of default and suspended days',
    ruleIds: ['BW-6:119', 'EXC-12'],
    touches: [],
    alsoActsOn: BALANCES,
    reading:
      'Year k of a default ends on defaultFrom + 12k months (clamped); suspended days (EXC-12) do not move the ' +
      'anniversary. Interest runs from the day after the due date.',
    reasoning:
      'Art. 6:119 lid 2 BW capitalises "telkens na afloop van een jaar"; a suspension stops accrual, not the calendar.',
  }),
  ledgerInterpretation({
    id: 'INT-I4',
    rulebookId: null,
    title: 'Never guess a rate',
    ruleIds: ['BW-6:119'],
    touches: [],
    alsoActsOn: BALANCES,
    reading:
      'A day outside the published rate table answers "rate-unknown" with the interest up to that day; the ledger ' +
      'never guesses a rate. The tables end 2025-06-30 (sources in libs/regulations/src/interest.ts).',
    reasoning:
      'The catalogue §6 forbids computing with a wrong rate; a partial figure marked unknown is honest, a guessed one is not.',
  }),
  ledgerInterpretation({
    id: 'WIK-I1',
    rulebookId: null,
    title: 'WIK rounding, minimum and maximum',
    ruleIds: ['WIK-2', 'EXC-11', 'LOI-6.2-3'],
    touches: REMINDER_KINDS,
    alsoActsOn: BALANCES,
    reading:
      'The WIK bands are summed exactly and rounded half-up once, then the 40.00 minimum and the 6,775.00 maximum ' +
      'apply; a principal of 0 gives 0.',
    reasoning:
      'The scale is one computation (rounded once, catalogue §0); the minimum is for a claim, and nothing owed is no claim.',
  }),
  ledgerInterpretation({
    id: 'WIK-I2',
    rulebookId: null,
    title: "The consumer's 14-day term",
    ruleIds: ['BW-6:96-6', 'WIK-2', 'EXC-11', 'LOI-6.2-3'],
    touches: REMINDER_KINDS,
    alsoActsOn: BALANCES,
    reading:
      "A consumer's 14-day term starts the day after the reminder is received (HR 25-11-2016, ECLI:NL:HR:2016:2704) " +
      'and is extended to the next working day when day 14 is not one (Algemene termijnenwet art. 1); costs are ' +
      'owed from the day after.',
    reasoning:
      'The Supreme Court counts the term from the day after receipt; the Algemene termijnenwet extends terms that end on a weekend or holiday.',
  }),
  ...financeInterpretations(),
];

function finance(
  id: string,
  title: string,
  reading: string,
  reasoning: string,
  ruleIds: readonly string[],
  touches: readonly InterpretationTouch[] = [],
  alsoActsOn: string = BALANCES,
): InterpretationText {
  return ledgerInterpretation({ id, rulebookId: null, title, ruleIds, touches, alsoActsOn, reading, reasoning });
}

/** FIN-I1..FIN-I16 (libs/domain/src/finance/interpretations.ts): the finance read side and dunning. */
function financeInterpretations(): InterpretationText[] {
  return [
    finance(
      'FIN-I1',
      'Statutory default where a rulebook has no late-payment rule',
      'VLI and SPOT LMS have no late-payment rule: statutory interest runs from the day after the due date.',
      'Art. 6:83 sub a BW: a fixed day of payment puts the debtor in default without notice.',
      ['BW-6:119'],
      [],
      `${BALANCES}; payment reminders of VLI and SPOT LMS`,
    ),
    finance(
      'FIN-I2',
      'Collection costs only after a reminder term, for every customer kind',
      "Collection costs are owed, for every customer kind, only once a reminder's term (14 days from the day after " +
        'receipt, moved off weekends and holidays per WIK-I2) has passed unpaid.',
      "Art. 6:96 lid 6 BW is applied to businesses too: no other term is on record, and it is in the customer's favour.",
      ['WIK-2', 'BW-6:96-6', 'EXC-11', 'LOI-6.2-3'],
      REMINDER_KINDS,
    ),
    finance(
      'FIN-I3',
      'The base of collection costs',
      "Collection costs are computed on the principal still unpaid at the end of the first reminder's term (paid in " +
        'full within the term: none) and stay owed after later payments.',
      'The costs arise when the term passes unpaid; later payments reduce the principal, not a claim already made.',
      ['WIK-2', 'EXC-11', 'LOI-6.2-3'],
      REMINDER_KINDS,
    ),
    finance(
      'FIN-I4',
      'Interest on what is outstanding each day',
      'Interest runs on the principal outstanding each day: a payment or credit note lowers it from its date. The ' +
        'principal is split into tranches (each from its first day of default until paid, last in first out), each ' +
        'computed by the statutory interest function and rounded half-up once; interest capitalised on a tranche ' +
        "stops accruing when the tranche is paid. Payments go to the invoice's principal (the art. 6:44 BW " +
        'allocation to costs and interest first is not applied): interest and costs are shown as separate claims.',
      'Interest is compensation for money not paid on time; separate claims keep each figure recomputable and ' +
        'explainable.',
      ['BW-6:119', 'PP-5.4', 'EXC-11', 'LOI-6.2-3'],
    ),
    finance(
      'FIN-I5',
      'A reversed payment',
      'A reversed payment counts as never received for every asOf on or after the reversal (interest runs as if it ' +
        "had not been paid); before the reversal's business time the payment stands.",
      'The reversal says the money never arrived; what was known before it is not rewritten.',
      ['BW-6:119'],
    ),
    finance(
      'FIN-I6',
      'The scope of an EXC-12 suspension',
      'EXC-12 suspends interest and collection costs on the invoices of the enrolment the complaint is about, from ' +
        'the filing day through the closing day; an open complaint suspends through asOf. While a suspension covers ' +
        'asOf no collection costs are charged; the reminder term is not extended.',
      'The seed suspends charging during "de behandeling van een klacht of geschil"; the complaint concerns one ' +
        'enrolment, and the seed says nothing of extending terms.',
      ['EXC-12'],
      [{ rulebookId: 'excellus', decisionKinds: ['complaint-suspension'] }],
    ),
    finance(
      'FIN-I7',
      'When a reminder is received',
      'A reminder is received on the day it is sent unless the command says otherwise (e-mail).',
      'Reminders go by e-mail, which arrives the day it is sent; a later receipt can be stated in the command.',
      ['BW-6:96-6', 'EXC-11', 'LOI-6.2-3'],
      REMINDER_KINDS,
    ),
    finance(
      'FIN-I8',
      'asOf as a date',
      'asOf as a date means the end of that Amsterdam day: every event with business time on or before it counts, ' +
        'and interest accrues for every day of default up to and including it.',
      'A balance "as of" a day should include everything that happened that day.',
      ['BW-6:119'],
    ),
    finance(
      'FIN-I9',
      'Invoice number series',
      'Invoice numbers form one unbroken series per provider and calendar year of the invoice date, assigned in log ' +
        'order of InvoiceIssued.',
      'Art. 35a Wet OB 1968 requires "one or more series" of consecutive numbers; one per provider and year is the simplest that complies.',
      [],
      [],
      'invoice numbers (InvoiceNumberAssigned)',
    ),
    finance(
      'FIN-I10',
      'Refund payouts',
      'A refund payout is recorded as RefundPaid in the stream that owns the entitlement, never beyond what is still ' +
        'owed, and never dated before the entitlement.',
      'A payout settles an entitlement; paying more than owed, or before it arose, would be a new claim, not a refund.',
      [],
      [],
      'refund payouts (POST /refunds/{id}/payments)',
    ),
    finance(
      'FIN-I11',
      'A late PlusPort complaint is refused',
      'PP-16.5: a complaint after the window is refused (422), as VLI-6.2 refuses one.',
      'In the seed a late complaint means the customer is deemed to have accepted the course; recording it as a ' +
        'complaint with deadlines would contradict that.',
      ['PP-16.5'],
      [{ rulebookId: 'plusport', decisionKinds: ['complaint'] }],
    ),
    finance(
      'FIN-I12',
      'Complaints where a rulebook has no complaint rule',
      'LOI and SPOT LMS have no complaint rule: a complaint is recorded without deadlines and suspends nothing.',
      'Nothing in their terms sets a term or a consequence; the complaint is still on record.',
      [],
      [],
      'complaints of LOI and SPOT LMS (ComplaintFiled)',
    ),
    finance(
      'FIN-I13',
      'Which interest table applies',
      'The customer kind selects the interest table: CustomerRegistered.kind, or the kind an enrolment recorded, or ' +
        'business for a SPOT participant (a member organisation). Unknown: no interest is computed and the answer ' +
        'says "customer-kind-unknown".',
      'Art. 6:119 BW applies to consumers and art. 6:119a BW to businesses; the ledger never guesses which.',
      ['BW-6:119'],
    ),
    finance(
      'FIN-I14',
      'The rulebook version of read-time late-payment figures',
      "Read-time late-payment figures use the rulebook version the reminder's decision cites, else the version in " +
        'force on the first day of default.',
      'A decision always uses the rulebook version in force at its business date (catalogue §0).',
      ['WIK-2', 'EXC-11', 'LOI-6.2-3'],
    ),
    finance(
      'FIN-I15',
      'Automated dunning: reminder, demand, escalation',
      'The scheduler sends the first reminder at 09:00 (Amsterdam) on the first day of default with the reminder ' +
        "act's default term (14 days). When its term ends unpaid it sends one demand (aanmaning) stating the " +
        'collection costs and interest now charged, with another 14 days; when that term ends unpaid the invoice ' +
        'is escalated for collection (no letter, nothing charged beyond what the balance shows). A step is taken ' +
        'only if the invoice still asks money when it falls due. Finance may pause dunning on an invoice (a ' +
        'complaint, a payment plan): no step is taken while paused, and lifting the pause makes the pending step ' +
        'due at the later of its own time and the lifting.',
      'The rules ask for one reminder with 14 days before costs are owed (EXC-11, LOI-6.2-3, art. 6:96 lid 6 BW); ' +
        'they are silent on what follows. A demand tells the customer what is now charged before the claim is ' +
        'handed over, and charges nothing itself: collection costs are owed once (WIK).',
      ['BW-6:96-6', 'WIK-2', 'EXC-11', 'LOI-6.2-3', 'PP-5.4'],
      [],
      'payment reminders, demands and escalations (PaymentReminderSent, DunningEscalated)',
    ),
    finance(
      'FIN-I16',
      'Credit-note number series',
      "Credit notes form their own unbroken series per provider and calendar year of the credit note's date, " +
        "numbered in log order of CreditNoteIssued as the provider's invoice prefix, CN, the year and the sequence " +
        '(PP-CN-2026-000001). A credit note recorded before the series existed is numbered like any other, in log ' +
        'order, when the numbering process first reads it; until it has a number it has no document.',
      'Art. 35a lid 1 Wet OB 1968 asks of a credit note (creditnota) the details of an invoice, a consecutive number ' +
        'among them. A series of its own leaves the invoice series unbroken and tells the two documents apart; the ' +
        'ledger id a credit note had as its number before was unique but not consecutive.',
      [],
      [],
      'credit-note numbers (CreditNoteNumberAssigned) and credit-note documents (GET /credit-notes/{id})',
    ),
  ];
}

/** The catalogue's shared definitions (§0) as the project reads them; they have no rule id of their own. */
export const SHARED_DEFINITIONS: readonly SharedDefinition[] = [
  {
    title: 'Time',
    text:
      'Every command carries a business time (when the thing happened: the e-mail was sent, the payment arrived), ' +
      'separate from the time the ledger records it. Local rules ("before 09:00", "48 hours before") are evaluated ' +
      'in Europe/Amsterdam, daylight saving time included.',
    interpretationIds: [],
  },
  {
    title: 'Working day (werkdag)',
    text:
      'Monday to Friday, except the days of the Algemene termijnenwet art. 3 lid 1 and 2: Nieuwjaarsdag (1 Jan), ' +
      'Goede Vrijdag, Tweede Paasdag, Koningsdag (27 Apr; 26 Apr when the 27th is a Sunday), Bevrijdingsdag (5 May, ' +
      'every year), Hemelvaartsdag, Tweede Pinksterdag, Eerste and Tweede Kerstdag (25, 26 Dec). Days equated to ' +
      'holidays by Royal Decree are working days (CAL-I1). The calendar is versioned data, so a provider can add its ' +
      'own closing days in a new rulebook version. In 2026, 04-03, 04-06, 04-27, 05-05, 05-14, 05-25, 12-25 and ' +
      '12-26 are not working days; 05-15 (the Friday after Ascension) is.',
    interpretationIds: ['CAL-I1'],
  },
  {
    title: 'Working days before a date',
    text:
      'wdBefore(receipt, start) is the number of working days d with receiptDate <= d < startDate (dates in ' +
      'Europe/Amsterdam); on the day itself it is 0. "Up to and including N working days before" means wdBefore >= N; ' +
      '"N working days or fewer" means wdBefore <= N. Example: exam on Fri 2026-03-20; receipt Thu 2026-03-12 gives ' +
      '6, receipt Fri 2026-03-13 gives 5.',
    interpretationIds: [],
  },
  {
    title: 'Calendar months',
    text:
      '"2 months before 2026-05-31" is 2026-03-31; month arithmetic clamps to the last day of a shorter month ' +
      '(2026-03-31 minus 1 month = 2026-02-28).',
    interpretationIds: [],
  },
  {
    title: 'Money',
    text:
      'Integer euro cents. A percentage of an amount is rounded half-up to the cent once, at the end of that one ' +
      'computation. Prices in the seeds exclude VAT unless said otherwise; each rulebook states its VAT rate (0 where ' +
      'exempt). Invoices show net, VAT and gross. In a decision `feeCents` is the fee excluding VAT, with ' +
      '`feeVatCents` and `feeGrossCents` beside it; `refundCents` is money to pay back, VAT included (MONEY-I1).',
    interpretationIds: ['MONEY-I1'],
  },
  {
    title: 'Customer kinds',
    text:
      'consumer (a private person) or business (an organisation). Cooling-off and withdrawal rights apply to ' +
      'consumers only unless a rule says otherwise (EXC-4.2 does: EXC-I3); statutory interest is the consumer rate ' +
      '(art. 6:119 BW) for consumers and the commercial rate (art. 6:119a BW) for businesses.',
    interpretationIds: ['EXC-I3'],
  },
  {
    title: 'Decision record',
    text:
      'Every fee, refund, surcharge, right or deadline the ledger derives is an event carrying the rule ids applied, ' +
      'the interpretation ids, the rulebook id and version, the inputs the rule used, the computed result and a ' +
      'one-line English explanation. A decision always uses the rulebook version in force at its business date.',
    interpretationIds: [],
  },
];
