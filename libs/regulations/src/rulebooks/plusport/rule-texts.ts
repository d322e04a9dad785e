/**
 * PlusPort rule texts for auditors (seed 001, docs/seeds/001_f99e99e77f183328.txt): every rule id and
 * interpretation id of the `plusport` rulebook in the project's words, with the Dutch original quoted.
 */
import { ledgerInterpretation, quoteFrom, readingTouches } from '../../rule-texts/builders';
import type { InterpretationText, RulebookTexts } from '../../rule-texts/types';

const at = quoteFrom('plusport');

const CANCELLATION_KINDS = ['cancellation-fee', 'cancellation-evidence'] as const;

export const PLUSPORT_RULE_TEXTS: RulebookTexts = {
  rulebookId: 'plusport',
  provider: 'PlusPort bv — algemene voorwaarden',
  rules: [
    {
      ruleId: 'PP-15.5-EL',
      rulebookId: 'plusport',
      title: 'Cancelling e-learning',
      text:
        'An e-learning component cancelled within 10 working days after purchase costs nothing if the learner has ' +
        'not started it and 100 % of its price if they have; cancelled 10 or more working days after purchase it ' +
        'costs 100 %. This applies to the e-learning of course packages, online trainings and e-learning-only ' +
        'bookings. It does not apply to the e-learning of a Praktijkopleiding, which is an extra service without ' +
        'cancellation cost (PP-I19, catalogue rev 2). E-learning is never exempt under PP-15.6.',
      article: at(
        'art. 15.5, Annuleringsregeling Online training',
        'Annuleringsregeling Online training Annuleringskosten E-learning binnen 10 werkdagen na Geen kosten 100% ' +
          'aankoop retour E-learning 10 werkdagen of meer na 100% 100% aankoop retour',
      ),
      seeAlso: [
        at(
          'art. 15.5, Annuleringsregeling E-learning Only',
          'Annuleringsregeling E-learning Only Annuleringskosten E-learning binnen 10 werkdagen na Geen kosten 100% ' +
            'aankoop retour E-learning 10 werkdagen of meer na 100% 100% aankoop retour',
        ),
        at('art. 15.5, Praktijkopleiding', 'E-learning als extra service Geen kosten Praktijkopleiding'),
      ],
      interpretationIds: ['PP-I1', 'PP-I2', 'PP-I3', 'PP-I19', 'PP-I7', 'MONEY-I1'],
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-15.5-EX',
      rulebookId: 'plusport',
      title: 'Cancelling an exam',
      text:
        'An exam (in a course package, with a textbook, or booked separately) cancelled 6 or more working days ' +
        'before it costs nothing; 5 working days or fewer before it costs 100 % of the exam price.',
      article: at(
        'art. 15.5, Annuleringsregeling Losse Examens',
        'Annuleringsregeling Losse Examens Annuleringskosten Tot en met 6 werkdagen voor het Examen Geen kosten ' +
          '5 werkdagen of minder voor het Examen* 100%',
      ),
      seeAlso: [
        at(
          'art. 15.5, Annuleringsregeling Lesboek & Examen',
          'Tot en met 6 werkdagen voor het Examen Geen kosten 5 werkdagen of minder voor het Examen* 100% ' +
            'Bij niet op tijd komen op het Examen 100%',
        ),
      ],
      interpretationIds: ['PP-I2', 'PP-I5', 'PP-I7', 'CAL-I1', 'MONEY-I1'],
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-15.5-PS',
      rulebookId: 'plusport',
      title: 'Cancelling a practical session or workshop',
      text:
        'A practical session or workshop (in a course package or a Praktijkopleiding) cancelled 11 or more working ' +
        'days before it costs nothing; 6 to 10 working days before, 50 % of its price; 5 working days or fewer ' +
        'before, 100 %.',
      article: at(
        'art. 15.5, Praktijkopleiding',
        'Tot en met 11 werkdagen voor de Opleiding Geen kosten 10 tot en met 6 werkdagen voor de Opleiding* 50% ' +
          '5 werkdagen of korter voor de Opleiding* 100%',
      ),
      seeAlso: [
        at(
          'art. 15.5, Annuleringsregeling Cursuspakket E-learning & externe Praktijksessie of Workshop',
          'Praktijksessie of Workshop* 50%',
        ),
      ],
      interpretationIds: ['PP-I2', 'PP-I5', 'PP-I7', 'CAL-I1', 'MONEY-I1'],
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-15.5-CLS',
      rulebookId: 'plusport',
      title: 'Cancelling a classroom training',
      text:
        'A classroom training cancelled 11 or more working days before it costs nothing; 6 to 10 working days ' +
        'before, 50 % of its price; 5 working days or fewer before, 100 %.',
      article: at(
        'art. 15.5, Annuleringsregeling Klassikale trainingen',
        'Tot en met 11 werkdagen voor de Klassikale Training Geen kosten 10 tot en met 6 werkdagen voor de ' +
          'Klassikale Training* 50% 5 werkdagen of korter voor de Klassikale Training* 100%',
      ),
      interpretationIds: ['PP-I5', 'PP-I7', 'CAL-I1', 'MONEY-I1'],
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-15.5-BOOK',
      rulebookId: 'plusport',
      title: 'Cancelling with a textbook sent beforehand',
      text:
        'A textbook sent beforehand costs nothing when PlusPort receives it back unused and undamaged, and 100 % of ' +
        'its price otherwise. A textbook not yet sent costs nothing (PP-I16). Every decision that charges a ' +
        'textbook cites PP-I18, which records that the Lesboek & Examen table contradicts itself.',
      article: at(
        'art. 15.5, Annuleringsregeling Klassikale trainingen',
        'Lesboek (indien van tevoren toegezonden) 100% Geen kosten indien PlusPort het lesboek ongebruikt en ' +
          'onbeschadigd retour ontvangt',
      ),
      seeAlso: [
        at(
          'art. 15.5, Annuleringsregeling Lesboek & Examen',
          'Lesboek (indien van tevoren toegezonden) Geen kosten Geen kosten indien PlusPort het lesboek ongebruikt ' +
            'en in onbeschadigde staat retour ontvangt',
        ),
      ],
      interpretationIds: ['PP-I18', 'PP-I16', 'PP-I7', 'MONEY-I1'],
      catalogueVsSeed:
        'The Lesboek & Examen table puts "Geen kosten" in the fee column of the textbook row, while the line ' +
        'beneath makes "no cost" depend on the textbook coming back unused and undamaged (and the classroom table ' +
        'says 100 %). Catalogue rev 1 charged 100 % without recording the contradiction; rev 2 keeps charging a ' +
        'textbook that is not returned unused and records the contradiction as PP-I18 in every such decision.',
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-15.5-RS',
      rulebookId: 'plusport',
      title: 'Cancelling a session that was rescheduled before',
      text:
        'A practical session, workshop or classroom training the learner rescheduled before and then cancels costs ' +
        '100 % of its price, whatever the timing. The illness exemption (PP-15.6) still applies (PP-I6).',
      article: at(
        'art. 15.5, Annuleringsregeling Klassikale trainingen',
        'Eerder door cursist verschoven Klassikale Training 100%',
      ),
      seeAlso: [at('art. 15.5, Praktijkopleiding', 'Eerder door cursist verschoven Praktijksessie of Workshop 100%')],
      interpretationIds: ['PP-I6', 'MONEY-I1'],
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-15.5-LATE',
      rulebookId: 'plusport',
      title: 'Arriving late or not at all',
      text:
        'A learner who does not arrive on time (and is refused access, art. 10) or does not come at all pays 100 % ' +
        'of the session, training or exam, and nothing is refunded.',
      article: at(
        'art. 15.5, Annuleringsregeling Klassikale trainingen',
        'Bij niet op tijd komen op de Klassikale Training 100%',
      ),
      seeAlso: [
        at(
          'art. 10.2',
          'Indien Cursist wordt geweigerd, worden de kosten volledig doorbelast. Cursist krijgt geen restitutie.',
        ),
        at('art. 10.3', 'Indien Cursist wordt toegelaten, wordt de verloren tijd niet gecompenseerd.'),
      ],
      interpretationIds: ['MONEY-I1'],
      catalogueVsSeed:
        'Art. 10.1 gives the teacher or examiner the right to refuse a late learner ("heeft ... het recht"); a ' +
        'learner who is admitted late is not compensated for the lost time (10.3). The catalogue charges 100 % for ' +
        'being late as the tables say ("Bij niet op tijd komen ... 100%"); the ledger records the attendance the ' +
        'provider reports and charges the table fee.',
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-15.6',
      rulebookId: 'plusport',
      title: 'No fee for death, hospitalisation or sickness, with proof within 7 days',
      text:
        'An exam, practical session or classroom training cancelled because of death (of the learner or a ' +
        'first-degree relative), hospitalisation (the same) or sickness (of the learner) costs nothing if proof ' +
        'arrives within 7 days after the cancellation. The cancellation first records a fee of 0 pending evidence, ' +
        'with a deadline of the cancellation date + 7 calendar days (PP-I4); evidence by then confirms the 0, and ' +
        'when the deadline passes without evidence the table fee is charged in a new decision that names the ' +
        'deadline. E-learning components are not exempt.',
      article: at(
        'art. 15.6',
        'In geval van een annulering iv.m. een overlijden (persoonlijk of eerste graad), ziekenhuisopname ' +
          '(persoonilijk of eerste graad) of ziekmelding, dient het overlijdensbericht c.g. bevestiging van de ' +
          'ziekenhuisopname c.g. een doktersverklaring binnen 7 dagen na de annulering ontvangen te zijn. Indien ' +
          'Opdrachtgever c.g. Cursist een dergelijk bewijs niet binnen 7 dagen na de annulering kan verstrekken, kan ' +
          'het Examen, de Praktijksessie, de Online Training, de Workshop, dan wel de Klassikale Training niet ' +
          'kosteloos worden verschoven, dan wel geannuleerd. In dit geval wordt de annuleringsregeling toegepast.',
      ),
      seeAlso: [
        at(
          'art. 15.5, footnote to the classroom table',
          '* Geen kosten voor de Klassikale Training in geval van annulering i.v.m. overlijden (persoonlijk of ' +
            'eerste graad), ziekenhuisopname (persoonlijk of eerste grood) of ziekmelding (persoonlijk) onder ' +
            'voorwaarden van art. 15.6.',
        ),
      ],
      interpretationIds: ['PP-I4', 'PP-I6'],
      catalogueVsSeed:
        'Art. 15.6 lists the Online Training among what cannot be cancelled or rescheduled free of charge without ' +
        'proof ("niet kosteloos worden verschoven, dan wel geannuleerd"), which suggests that with proof the online ' +
        'training and a reschedule are free too. The footnotes of art. 15.5 grant the exemption only to the exam, ' +
        'practical session and classroom rows. The catalogue follows the footnotes: only exam, session and ' +
        'classroom cancellations are exempt; e-learning and reschedules are not. The seed\'s "binnen 7 dagen" is ' +
        'counted in calendar days and not extended over a weekend (PP-I4).',
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-15.1',
      rulebookId: 'plusport',
      title: 'PlusPort cancels for too few registrations',
      text: 'When PlusPort cancels a course for too few registrations, the customer gets back everything paid for the booking.',
      article: at(
        'art. 15.1',
        'Bij onvoldoende aanmeldingen voor een Cursus heeft PlusPort bv het recht de Cursus te annuleren en een ' +
          'aanmelding alsnog niet te accepteren zonder gehouden te zijn tot vergoeding van schade of kosten. ' +
          'Opdrachtgever c.g. Cursist heeft in dit geval recht op restitutie van reeds betaalde cursusgelden.',
      ),
      interpretationIds: [],
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-15.2',
      rulebookId: 'plusport',
      title: 'A cancellation must arrive before the start',
      text:
        'A cancellation must be received before the course starts. A cancellation received at or after the start of ' +
        'a dated component counts as a no-show for that component (100 %, no exemption).',
      article: at(
        'art. 15.2',
        'Een annulering dient voor aanvang van de Cursus bij PlusPort of haar antwoordservice (buiten kantooruren) te ' +
          'zijn ontvangen.',
      ),
      interpretationIds: ['PP-I5'],
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-14.1-3',
      rulebookId: 'plusport',
      title: 'Rescheduling: before the session, and only when fully paid',
      text:
        'A reschedule must be requested before the session or exam starts, and only a booking whose course fee is ' +
        'fully paid can be rescheduled; otherwise the request is refused.',
      article: at(
        'art. 14.3',
        'Om voor verschuiving van deelname in aanmerking te komen, dient het cursusgeld volledig te zijn betaald.',
      ),
      seeAlso: [
        at(
          'art. 14.1',
          'Opdrachtgever c.g. Cursist kan vo6or aanvang van de Praktijksessie, dan wel Examen verzoeken de deelname ' +
            'aan een Praktijksessie dan wel Examen te verschuiven.',
        ),
      ],
      interpretationIds: ['PP-I10'],
      catalogueVsSeed:
        'Art. 14.1 speaks only of practical sessions and exams; the catalogue states the preconditions for every ' +
        'reschedule. Classroom trainings can be rescheduled only where the offering or PP-14.6 allows it (PP-I10), ' +
        'and then the same preconditions apply.',
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-14.4',
      rulebookId: 'plusport',
      title: 'Rescheduling an exam',
      text:
        'An exam can be rescheduled free of charge up to and including 6 working days before it; 5 working days or ' +
        'fewer before it, and on the day, it cannot be rescheduled.',
      article: at(
        'art. 14.4',
        'Tot en met 6 werkdagen voor het Examen Geen kosten 5 werkdagen of minder voor het Examen Niet mogelijk ' +
          'Op de dag van de uitvoering Niet mogelijk',
      ),
      seeAlso: [
        at(
          'art. 14.4, footnote',
          '*Het exameninstituut accepteert verschuivingen uitsluitend tot en met 6 werkdagen voor het Examen.',
        ),
      ],
      interpretationIds: ['CAL-I1'],
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-14.5',
      rulebookId: 'plusport',
      title: 'Rescheduling a practical session or workshop',
      text:
        'A practical session or workshop rescheduled 11 or more working days before it is free; 1 to 10 working ' +
        'days before it costs 55.00; on the day itself 100 % of the session price. The fee is payable at once. The ' +
        'new date must be given in the request and fall within 3 calendar months after the original date, or only ' +
        'a cancellation is possible. A colleague may take the place; if the session requires proof of ' +
        'participation, the colleague must have passed the online theory exam.',
      article: at(
        'art. 14.5',
        'Tot en met 11 werkdagen voor uitvoering Geen kosten Van 10 werkdagen tot en met 1 werkdagen voor €55,00 ' +
          'uitvoering Op de dag van uitvoering 100%',
      ),
      seeAlso: [
        at('art. 14.5', 'De verschuivingskosten dienen direct te worden betaald.'),
        at('art. 14.5', 'De nieuwe cursusdatum dient binnen 3 maanden na de initiéle cursusdatum te vallen.'),
        at(
          'art. 14.5',
          'Ruilen met een collega mag. Indien voor de Praktijksessie een Bewijs van deelname is voorgeschreven, ' +
            'dient de collega geslaagd te zijn voor het Online Theorie-examen.',
        ),
      ],
      interpretationIds: ['PP-I8', 'PP-I9', 'PP-I15', 'PP-I7', 'CAL-I1', 'MONEY-I1'],
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-14.6',
      rulebookId: 'plusport',
      title: 'Rescheduling ATEX, NEN 1010, NEN 3140 and VCA classroom trainings',
      text:
        'Rescheduling one of these classroom trainings follows the cancellation table: the fee of PP-15.5-CLS is ' +
        'charged, then the learner gets a new date.',
      article: at(
        'art. 14.6',
        'Voor het verschuiven van deelname aan een Klassikale Training ATEX, NEN 1010, NEN 3140 of VCA wordt de ' +
          'annuleringsregeling toegepast.',
      ),
      interpretationIds: ['PP-I10', 'MONEY-I1'],
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-14.7',
      aliases: ['PP-14.7 / 15.7'],
      rulebookId: 'plusport',
      title: 'Incompany and outcompany work: reschedule terms from the quote',
      text:
        'For closed groups (incompany, outcompany) the reschedule terms of the quote apply: the offering carries its ' +
        "own table, which overrides the rulebook's. PP-15.7 is the same rule for cancellations.",
      article: at(
        'art. 14.7',
        'Voor besloten groepen, zogenaamde Incompany- of Outcompany- opdrachten, geldt een andere ' +
          'verschuivingsregeling. De van toepassing zijnde verschuivingsregeling staat in de offerte vermeld.',
      ),
      interpretationIds: [],
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-15.7',
      rulebookId: 'plusport',
      title: 'Incompany and outcompany work: cancellation terms from the quote',
      text:
        'For closed groups the cancellation terms of the quote apply: an offering may carry its own fee table, which ' +
        "overrides the rulebook's tables, and a decision under it cites PP-15.7.",
      article: at(
        'art. 15.7',
        'Voor besloten groepen, zogenaamde Incompany- dan wel Outcompany- opdrachten, gelden andere ' +
          'annuleringsvoorwaarden. De van toepassing ziinde voorwaarden staan in de offerte vermeld.',
      ),
      seeAlso: [
        at(
          'art. 15.5',
          'De volgende annuleringsregelingen zijn geldig tenzij uitdrukkelijk anders vermeld in de informatie die ' +
            'Opdrachtgever en/of Cursist bij bevestiging van de Inschrijving ontvangt:',
        ),
      ],
      interpretationIds: ['MONEY-I1'],
      catalogueVsSeed:
        'The catalogue row (PP-14.7 / 15.7) speaks of incompany and outcompany work only, while art. 15.5 lets other ' +
        'terms apply to any booking when the confirmation says so ("tenzij uitdrukkelijk anders vermeld"). The ' +
        "catalogue's decision lets any offering carry its own table, which covers both readings; such a decision " +
        'cites PP-15.7.',
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-5.2',
      rulebookId: 'plusport',
      title: 'A price increase of 10 % or more within 3 months gives a right to dissolve',
      text:
        'When PlusPort raises a price by 10 % or more within 3 months after the agreement, the affected bookings get ' +
        'the right to dissolve the agreement, paying for what was already performed.',
      article: at(
        'art. 5.2',
        'Bij wijziging van een of meer van deze factoren is PlusPort bv gerechtigd haar prijzen aan te passen, met ' +
          'dien verstande dat als de prijsaanpassing binnen drie maanden na het tot stand komen van de overeenkomst ' +
          '10% of meer bedraagt, aan de Opdrachtgever c.g. Cursist het recht toekomt om onder betaling van het reeds ' +
          'gepresteerde de overeenkomst te ontbinden.',
      ),
      interpretationIds: ['PP-I13'],
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-5.3',
      rulebookId: 'plusport',
      title: 'Invoices are paid before the course starts; no set-off',
      text:
        'An invoice must be paid before the course starts; the customer may not set off or withhold payment. The ' +
        'due date is the day before the start, or the invoice date if that is later (PP-I11).',
      article: at(
        'art. 5.3',
        'Facturen dienen voor aanvang van de Cursus te zijn voldaan, tenzij op de factuur uitdrukkelijk anders wordt ' +
          'vermeld. Opdrachtgever c.g. Cursist is niet gerechtigd tot verrekening of tot opschorting van een betaling.',
      ),
      interpretationIds: ['PP-I11'],
      catalogueVsSeed:
        'The seed lets the invoice set another payment term ("tenzij op de factuur uitdrukkelijk anders wordt ' +
        'vermeld"); the catalogue does not mention it, and the ledger always derives the due date from the start ' +
        '(PP-I11).',
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-5.4',
      rulebookId: 'plusport',
      title: 'Late payment: statutory interest without notice',
      text:
        'When the payment term on the invoice passes, statutory interest is owed on the outstanding amount from the ' +
        'day after the due date, without any reminder or notice of default.',
      article: at(
        'art. 5.4',
        'Indien de op de factuur vermelde betalingstermijn wordt overschreden, is Opdrachtgever c.g. Cursist, zonder ' +
          'dat van PlusPort bv enige aanmaning of ingebrekestelling nodig is, over het openstaande bedrag wettelijke ' +
          'rente verschuldigd.',
      ),
      interpretationIds: ['PP-I11', 'INT-I1', 'INT-I2', 'INT-I3', 'INT-I4', 'FIN-I4'],
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-5.7',
      rulebookId: 'plusport',
      title: 'Delivery may be suspended while an invoice is unpaid',
      text: 'While an invoice is unpaid PlusPort may suspend delivery of the course: the access state is "suspended-unpaid".',
      article: at(
        'art. 5.7',
        'PlusPort bv heeft te allen tijde het recht de levering van de Cursus op te schorten zolang Opdrachtgever ' +
          'c.g. Cursist de factuur nog niet heeft betaald.',
      ),
      interpretationIds: ['PP-I17'],
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-7.3',
      rulebookId: 'plusport',
      title: 'Permanent force majeure: pro-rata refund minus 20 %',
      text:
        'Under permanent force majeure, money paid in advance is refunded pro rata for what was not delivered, minus ' +
        '20 % of the total invoice value and minus any costs the exam supplier charges PlusPort: refund = max(0, ' +
        'paid for undelivered components - 20 % of the invoice total - supplier costs). Nothing is refunded if ' +
        'less than 20 % of the invoice value was paid.',
      article: at(
        'art. 7.3',
        'Eventueel door Opdrachtgever vooruitbetaalde gelden zal PlusPort bv alleen bij blijvende overmacht naar ' +
          'rato terugbetalen, na aftrek van 20% van de totale factuurwaarde als vergoeding voor de door PlusPort bv ' +
          'reeds gemaakte kosten, onder de voorwaarde dat de examenleverancier PlusPort bv geen kosten in rekening ' +
          'brengt.',
      ),
      seeAlso: [
        at(
          'art. 7.3',
          'Indien de examenleverancier PlusPort bv wel kosten in rekening brengt, worden die kosten eveneens ' +
            'afgetrokken van de eventueel door Opdrachtgever vooruitbetaalde kosten.',
        ),
        at(
          'art. 7.3 (the extraction breaks this sentence across a page: "Als het reeds ... betaalde")',
          'betaalde minder dan 20% van de totale factuurwaarde bedraagt, vindt geen teruggave plaats.',
        ),
      ],
      interpretationIds: ['PP-I12', 'MONEY-I1'],
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-8.2-3',
      rulebookId: 'plusport',
      title: 'No valid original ID: no access, full costs, no refund',
      text:
        'A learner without a valid original ID is refused access to the classroom training, practical session or ' +
        'exam; the costs are charged in full and nothing is refunded.',
      article: at(
        'art. 8.2',
        'Indien Cursist zich niet kan legitimeren met een origineel en geldig legitimatiebewijs, heeft de docent ' +
          'c.g. instructeur het recht Cursist de toegang tot de Klassikale Training en/of Praktijksessie te weigeren. ' +
          'De kosten worden volledig doorbelast. Cursist krijgt geen restitutie.',
      ),
      seeAlso: [
        at(
          'art. 8.3',
          'Indien sprake is van een Examen, wordt Cursist die zich niet met een origineel en geldig ' +
            'legitimatiebewijs kan legitimeren, niet toegelaten tot het Examen.',
        ),
      ],
      interpretationIds: ['MONEY-I1'],
      catalogueVsSeed:
        'For classroom trainings and practical sessions art. 8.2 gives the teacher the right to refuse ("heeft ... ' +
        'het recht"); only for exams is refusal mandatory (8.3). The catalogue says "access refused" for all three. ' +
        'The ledger records the attendance the provider reports ("no-id") and applies the rule to it.',
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-13.2-3',
      rulebookId: 'plusport',
      title: 'When a learner has passed',
      text:
        'An exam is passed when the learner identified themselves as required and answered at least the required ' +
        'number of questions correctly. A course with a practical session is passed when the online training was ' +
        'completed, the online theory exam passed, the learner identified, the practical exercises passed and the ' +
        'learner declared competent.',
      article: at(
        'art. 13.3',
        'Cursist is voor een Examen geslaagd indien Cursist zich zoals voorgeschreven heeft gelegitimeerd en het ' +
          'voorgeschreven minimale aantal vragen goed heeft beantwoord.',
      ),
      seeAlso: [
        at(
          'art. 13.2',
          'Cursist is voor een Cursus waarvan een Praktijksessie onderdeel van uitmaakt, geslaagd indien Cursist de ' +
            'Online Training volledig heeft doorlopen, geslaagd is voor het Online Theorie-examen, zich zoals ' +
            'voorgeschreven heeft gelegitimeerd, geslaagd is voor de Praktijkoefeningen en de docent Cursist ' +
            'competent heeft verklaard.',
        ),
      ],
      interpretationIds: [],
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-13.6',
      rulebookId: 'plusport',
      title: 'Exam-institute certificate only when passed and paid',
      text: 'The certificate of an exam taken by an exam institute is issued only when the exam was passed and the invoice is paid.',
      article: at(
        'art. 13.6',
        'In geval van een Examen dat afgenomen wordt door een exameninstituut, ontvangt Cursist ca. 2 werkdagen na ' +
          'de uitslag -indien geslaagd en de factuur is betaald- het persoonilijke certificaat in zijn/haar online ' +
          'profiel.',
      ),
      interpretationIds: [],
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-16.5',
      rulebookId: 'plusport',
      title: 'Complaints within 2 weeks after the course; answered within 7 working days',
      text:
        'A complaint must be filed in writing within 2 weeks after the course (on or before its last day + 14 ' +
        'days); PlusPort answers within 7 working days after receipt. A complaint after the window is refused ' +
        '(FIN-I11).',
      article: at(
        'art. 16.5',
        'Een bezwaar of klacht dient binnen 2 weken na uitvoering van de Cursus schriftelijk te zijn ingediend, bij ' +
          'gebreke waarvan Opdrachtgever c.g. Cursist geacht wordt akkoord te zijn gegaan met de uitvoering.',
      ),
      seeAlso: [
        at(
          'art. 16.8',
          'Na ontvangst van de schriftelijke klacht neemt PlusPort bv binnen 7 werkdagen contact met Cursist op.',
        ),
      ],
      interpretationIds: ['PP-I14', 'FIN-I11', 'CAL-I1'],
      catalogueVsSeed:
        'Art. 16.8 says PlusPort makes contact with the learner within 7 working days ("neemt ... contact ... op"); ' +
        'the catalogue says the complaint is "answered" then. The ledger tracks the 7 working days as the answer ' +
        'deadline. A late complaint means, in the seed, that the customer is deemed to have accepted the course; ' +
        'the ledger refuses to record it as a complaint (FIN-I11).',
      ledgerDecision: true,
    },
    // ---- seed rules the ledger does not decide ------------------------------------------------
    {
      ruleId: 'PP-16.3',
      rulebookId: 'plusport',
      title: 'Liability capped at the invoice amount',
      text: 'Damages PlusPort may owe never exceed the invoice amount.',
      article: at(
        'art. 16.3',
        'Indien PlusPort bv onverhoopt toch tot vergoeding van de schade is gehouden, dan zal de vergoeding nimmer ' +
          'meer bedragen dan het factuurbedrag.',
      ),
      interpretationIds: [],
      ledgerDecision: false,
      reason:
        'A cap on damages PlusPort may owe. The ledger records fees, refunds, rights and deadlines under the terms; ' +
        'damage claims are settled outside it and never computed from the log.',
    },
    {
      ruleId: 'PP-5.5',
      rulebookId: 'plusport',
      title: 'Dissolution for non-payment, with pay for work already done',
      text:
        'When the course fee is not paid in time PlusPort may dissolve the agreement and charge for what it already ' +
        'performed and any damage. The ledger records the dissolution as a decision once the registration invoice is ' +
        'past its due date with money outstanding: the components PlusPort names as performed stay charged at their ' +
        'price plus VAT, the rest of the invoice is credited and what was paid beyond it is granted back.',
      article: at(
        'art. 5.5',
        'Bij niet tijdige betaling van het cursusgeld is PlusPort bv gerechtigd de overeenkomst te ontbinden en een ' +
          'vergoeding van het reeds door PlusPort bv gepresteerde en eventuele schade, in rekening te brengen.',
      ),
      interpretationIds: [],
      catalogueVsSeed:
        'The catalogue has no row for art. 5.5 (issue 12 asks for it). The seed also lets PlusPort charge "eventuele ' +
        'schade" (any damage); damages are not a figure of the terms, so the ledger does not compute them (as ' +
        'PP-16.3). What counts as performed is named by PlusPort in the command, per component.',
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-5.6',
      rulebookId: 'plusport',
      title: 'Collection costs are for the customer',
      text: 'Every cost PlusPort makes to collect an unpaid invoice is for the customer.',
      article: at(
        'art. 5.6',
        'Alle kosten die PlusPort bv moet maken voor incasso van niet-betaalde facturen zijn voor rekening van ' +
          'Opdrachtgever c.g. Cursist.',
      ),
      interpretationIds: ['FIN-I2', 'WIK-I1'],
      ledgerDecision: false,
      reason:
        'Not a decision of its own: collection costs are computed on read under the statutory scale (WIK-2) for ' +
        'every rulebook, with the reminder rule of art. 6:96 lid 6 BW (FIN-I2).',
    },
    {
      ruleId: 'PP-7.4',
      rulebookId: 'plusport',
      title: 'A new exam date after force majeure',
      text:
        'When force majeure concerns one exam, the exam supplier tries to set another time or day for it. The ledger ' +
        'records the new date (or that none is set yet, the booking then waits for one) as a decision at no cost; ' +
        "it is not the learner's reschedule. Only a booking whose dated part is an exam gets one; force majeure that " +
        'prevents the course for good is PP-7.3.',
      article: at(
        'art. 7.4',
        'Indien de overmacht een bepaald Examen betreft, zal de examenleverancier van PlusPort bv - indien mogelijk - ' +
          'een andere tijd of dag voor het houden van dit Examen trachten vast te stellen.',
      ),
      interpretationIds: [],
      catalogueVsSeed:
        'The catalogue has no row for art. 7.4 (issue 12 asks for it). The seed promises only to try ("indien ' +
        'mogelijk ... trachten"), so the ledger sets no deadline for the new date and leaves the booking waiting ' +
        'until one is recorded.',
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-13.4-5',
      rulebookId: 'plusport',
      title: 'Result and certificate within 2 working days',
      text:
        'The learner receives the result by e-mail within 2 working days after the session or exam, and, when ' +
        'passed, the certificate of a course with a classroom training, session or workshop within 2 working days ' +
        'after the written result. The ledger tracks both as deadlines: attending an exam or practical session ' +
        'sets the result deadline (a decision), the recorded delivery of a passed result sets the certificate ' +
        'deadline, issuing the certificate meets it, and a deadline that passes undelivered is recorded as missed ' +
        'the day after its last day (a decision; while the invoice is unpaid the certificate waits, PP-13.6). A ' +
        'missed deadline gives the customer no right of its own.',
      article: at(
        'art. 13.4',
        'Over het algemeen ontvangt Cursist binnen 2 werkdagen na de Praktijksessie c.g. Examen de uitslag per e-mail.',
      ),
      seeAlso: [
        at(
          'art. 13.5',
          'In geval van een Cursus met een Klassikale Training en/of Praktijksessie en/of Workshop, ontvangt Cursist ' +
            'binnen 2 werkdagen na de schriftelijke uitslag —indien geslaagd- het persoonlijke certificaat in ' +
            'zijn/haar online profiel.',
        ),
      ],
      interpretationIds: [],
      catalogueVsSeed:
        'The catalogue lists no row for art. 13.4/13.5 (issue 12 asks for them as deadlines). The seed says ' +
        '"over het algemeen" (as a rule) for the result and names no consequence of a late result or certificate: ' +
        'the ledger records the deadline and its miss, but grants no dissolution or refund for it. Art. 13.5 also ' +
        'names a "Workshop", which is no component kind of the ledger; a classroom training or practical session ' +
        'counts.',
      ledgerDecision: true,
    },
    {
      ruleId: 'PP-12.15',
      rulebookId: 'plusport',
      title: 'Participation declared invalid: the costs stay due',
      text:
        'A learner who does not follow the exam rules or the instructions may have the participation ended and ' +
        'declared invalid, and still pays the full costs (also art. 11.6 for classroom trainings and sessions).',
      article: at(
        'art. 12.15',
        'Wanneer Cursist dit examenreglement en de instructies van de examinator niet strikt opvolgt, kan deelname ' +
          'aan het Examen onmiddellijk worden beéindigd en ongeldig worden verklaard, terwijl Cursist wel de kosten ' +
          'van het Examen volledig dient te betalen.',
      ),
      interpretationIds: [],
      ledgerDecision: false,
      reason:
        'A conduct rule the examiner applies on the spot. Its money consequence (the invoiced price stays due, ' +
        'nothing is refunded) is what the ledger does for any invoiced booking that is not cancelled, so no ' +
        'decision of its own is recorded.',
    },
  ],
  interpretations: [
    {
      id: 'PP-I1',
      rulebookId: 'plusport',
      title: 'The e-learning columns: not started / started',
      source: 'catalogue',
      ruleIds: ['PP-15.5-EL'],
      touches: [{ rulebookId: 'plusport', decisionKinds: CANCELLATION_KINDS }],
      versions: [
        {
          version: 1,
          reading:
            'The e-learning table\'s two columns are "not started" and "started"; "purchase" is the registration ' +
            'date.',
          reasoning:
            'The extraction lost the column headers of the e-learning rows ("Geen kosten 100%" within 10 working ' +
            'days, "100% 100%" after). Two outcomes for one period only make sense as a split by use of the ' +
            'e-learning, and the registration is the moment the e-learning is bought.',
          catalogueRevision: 1,
        },
      ],
    },
    {
      id: 'PP-I2',
      rulebookId: 'plusport',
      title: 'One component table for every course package',
      source: 'catalogue',
      ruleIds: ['PP-15.5-EL', 'PP-15.5-EX', 'PP-15.5-PS'],
      touches: [{ rulebookId: 'plusport', decisionKinds: CANCELLATION_KINDS }],
      versions: [
        {
          version: 1,
          reading:
            'The art. 15.5 variants of one course package differ only by the timing bands, so one table per ' +
            'component (e-learning, exam, practical session, classroom, textbook) serves all of them. Narrowed by ' +
            'PP-I19 (rev 2): not for the e-learning of a Praktijkopleiding.',
          reasoning:
            'The extraction of the package tables lost their timing labels; the rows that remain repeat the same ' +
            'component fees, and the separate-exam and Praktijkopleiding tables give the timing bands.',
          catalogueRevision: 1,
        },
      ],
    },
    {
      id: 'PP-I18',
      rulebookId: 'plusport',
      title: 'The textbook row contradicts itself',
      source: 'catalogue',
      ruleIds: ['PP-15.5-BOOK'],
      touches: readingTouches('PP-I18'),
      seedQuotes: [
        at(
          'art. 15.5, Annuleringsregeling Lesboek & Examen',
          'Lesboek (indien van tevoren toegezonden) Geen kosten Geen kosten indien PlusPort het lesboek ongebruikt ' +
            'en in onbeschadigde staat retour ontvangt',
        ),
      ],
      versions: [
        {
          version: 1,
          reading:
            'PP-15.5-BOOK charged a textbook sent beforehand at 100 % unless it came back unused and undamaged, ' +
            'without recording that the Lesboek & Examen table says "Geen kosten" in its fee column.',
          reasoning:
            'The catalogue (rev 1) read the condition beneath the row, as in the classroom table, and did not ' +
            'mention the fee column.',
          catalogueRevision: 1,
        },
        {
          version: 2,
          reading:
            'A textbook that is not returned unused and undamaged is still charged at 100 %, and every such ' +
            'decision cites PP-I18, so the contradiction in the seed is on record where it matters.',
          reasoning:
            'The fee column ("Geen kosten") and the line beneath it ("Geen kosten indien ... ongebruikt en in ' +
            'onbeschadigde staat retour ontvangt") cannot both hold for a textbook that is kept. The condition is ' +
            'the more specific text and matches the classroom table; the contradiction is recorded rather than ' +
            'silently resolved.',
          adoptedOn: '2026-12-03',
          catalogueRevision: 2,
        },
      ],
    },
    {
      id: 'PP-I19',
      rulebookId: 'plusport',
      title: 'E-learning of a Praktijkopleiding is an extra service without cancellation cost',
      source: 'catalogue',
      ruleIds: ['PP-15.5-EL'],
      touches: readingTouches('PP-I19'),
      seedQuotes: [at('art. 15.5, Praktijkopleiding', 'E-learning als extra service Geen kosten Praktijkopleiding')],
      versions: [
        {
          version: 1,
          reading:
            'PP-15.5-EL applied to the e-learning of every product kind, the Praktijkopleiding (practical-training) ' +
            'included, through PP-I2 (one component table for all packages): e-learning started or bought 10 or ' +
            'more working days ago cost 100 %.',
          reasoning: 'The catalogue (rev 1) treated every e-learning component alike under one table.',
          catalogueRevision: 1,
        },
        {
          version: 2,
          reading:
            'In a Praktijkopleiding the e-learning is an extra service with no cancellation cost. PP-15.5-EL applies ' +
            'only to the course package, online training and e-learning-only tables. Narrows PP-I2.',
          reasoning:
            'The seed\'s Praktijkopleiding table has its own row "E-learning als extra service — Geen kosten"; ' +
            'reading it through the package tables charged what the seed says is free.',
          adoptedOn: '2026-12-03',
          catalogueRevision: 2,
        },
      ],
    },
    ...[
      plusportReading(
        'PP-I3',
        'Counting working days after purchase',
        ['PP-15.5-EL'],
        CANCELLATION_KINDS,
        '"Working days after purchase" counts the working days after the purchase day up to and including the day ' +
          'of the request; the 10th working day itself is "10 or more" (100 %).',
        'The seed\'s rows "binnen 10 werkdagen" and "10 werkdagen of meer" overlap at exactly 10; the second names ' +
          '10 explicitly, so the 10th working day falls in it.',
      ),
      plusportReading(
        'PP-I4',
        'The PP-15.6 evidence window',
        ['PP-15.6'],
        CANCELLATION_KINDS,
        'The evidence deadline is the Amsterdam date of the cancellation + 7 calendar days, that whole day included; ' +
          'the table fee is charged from 00:00 the day after.',
        'The seed says "binnen 7 dagen" (days, not working days) and gives no time of day, so the last day counts ' +
          'in full.',
      ),
      plusportReading(
        'PP-I5',
        'Per-component start for PP-15.2',
        ['PP-15.2', 'PP-15.5-EX', 'PP-15.5-PS', 'PP-15.5-CLS'],
        CANCELLATION_KINDS,
        "PP-15.2 applies per dated component by exact time: a cancellation at or after that component's start is " +
          'a no-show (100 %), without exemption.',
        "A booking can hold components on different dates; each component's own start decides whether it was " +
          'cancelled in time.',
      ),
      plusportReading(
        'PP-I6',
        'Scope of "previously rescheduled"',
        ['PP-15.5-RS', 'PP-15.6'],
        ['cancellation-fee', 'cancellation-evidence', 'reschedule'],
        'PP-15.5-RS applies to practical sessions and classroom trainings only (the exam tables have no such row); ' +
          'the illness exemption overrides it.',
        'The row "Eerder door cursist verschoven" appears only in the session and classroom tables, each with the ' +
          'footnote that grants the art. 15.6 exemption.',
      ),
      plusportReading(
        'PP-I7',
        'VAT on fees deducted from what was paid',
        ['PP-15.5-EL', 'PP-15.5-EX', 'PP-15.5-PS', 'PP-15.5-CLS', 'PP-15.5-BOOK', 'PP-14.5'],
        ['cancellation-fee', 'cancellation-evidence', 'reschedule'],
        'Fees are net; VAT is added to the fee before it is deducted from what was paid (refund = paid - fee - VAT ' +
          'on the fee).',
        "PlusPort's prices exclude VAT (art. 5.1) while payments include it, so a refund must keep the VAT on " +
          'the fee that stays charged.',
      ),
      plusportReading(
        'PP-I8',
        'A reschedule "on the day"',
        ['PP-14.5'],
        ['reschedule'],
        '"On the day" of a practical-session reschedule means the same calendar date; a wdBefore of 0 on another ' +
          'date (a weekend before) pays the 55.00 fee.',
        'The seed\'s row "Op de dag van uitvoering" names the day of the session, not a count of working days.',
      ),
      plusportReading(
        'PP-I9',
        'The 3-month reschedule window is inclusive',
        ['PP-14.5'],
        ['reschedule'],
        'A new date on or before the original date + 3 calendar months (clamped) is within the window.',
        '"Binnen 3 maanden na de initiéle cursusdatum" (sic) includes the last day of the period.',
      ),
      plusportReading(
        'PP-I10',
        'Which classroom trainings can be rescheduled',
        ['PP-14.1-3', 'PP-14.6'],
        ['reschedule'],
        "An ordinary classroom training cannot be rescheduled unless the offering's terms or PP-14.6 " +
          '(ATEX/NEN/VCA) allow it.',
        'Art. 14 gives a reschedule scheme for exams and practical sessions, and for the named classroom trainings ' +
          'only through the cancellation table.',
      ),
      plusportReading(
        'PP-I11',
        'Invoice due date',
        ['PP-5.3', 'PP-5.4'],
        ['invoice-due-date', 'late-payment'],
        'An invoice is due the day before the start (or on the invoice date if that is later); interest runs from ' +
          'the day after.',
        '"Voor aanvang van de Cursus te zijn voldaan": paid before the start means paid by the day before it.',
      ),
      plusportReading(
        'PP-I12',
        'Force majeure: what "pro rata" is taken of',
        ['PP-7.3'],
        ['force-majeure-refund'],
        '"Paid for undelivered components" = paid x net price of the undelivered components / net price of all; ' +
          'the 20 % is of the gross invoice total.',
        '"Naar rato" has to be of the price of what was not delivered; "totale factuurwaarde" is the invoice ' +
          'total, VAT included.',
      ),
      plusportReading(
        'PP-I13',
        'Price change: inclusive window, exact comparison',
        ['PP-5.2'],
        ['price-change'],
        'The 3-month window after the agreement is inclusive and the "10 % or more" comparison is exact (no ' +
          'rounding).',
        'The seed\'s "binnen drie maanden" and "10% of meer" both include their bound.',
      ),
      plusportReading(
        'PP-I14',
        'Complaint window and answer deadline',
        ['PP-16.5'],
        ['complaint'],
        "A complaint is in time on or before the course's last day + 14 days; the answer is due 7 working days " +
          'after receipt.',
        '"Binnen 2 weken na uitvoering" counts from the last day of the course; art. 16.8 counts 7 working days ' +
          'from receipt.',
      ),
      plusportReading(
        'PP-I15',
        'Colleague swaps',
        ['PP-14.5'],
        ['colleague-swap'],
        'A colleague swap is for practical sessions, before the start, without the full-payment condition.',
        'The swap is not a reschedule (the date stays), so the preconditions of art. 14.3 do not apply to it.',
      ),
      plusportReading(
        'PP-I16',
        'A textbook not yet sent',
        ['PP-15.5-BOOK'],
        CANCELLATION_KINDS,
        'A textbook not yet sent costs 0 %.',
        'The row is about a textbook "indien van tevoren toegezonden"; one that was never sent can be neither ' +
          'used nor returned.',
      ),
      plusportReading(
        'PP-I17',
        'Suspension whenever something is outstanding',
        ['PP-5.7'],
        ['delivery-suspension'],
        'Delivery may be suspended whenever an amount of the invoice is outstanding.',
        '"Zolang ... de factuur nog niet heeft betaald": an invoice paid in part is not paid.',
      ),
    ],
  ],
};

function plusportReading(
  id: string,
  title: string,
  ruleIds: readonly string[],
  decisionKinds: readonly string[],
  reading: string,
  reasoning: string,
): InterpretationText {
  return ledgerInterpretation({
    id,
    rulebookId: 'plusport',
    title,
    ruleIds,
    touches: [{ rulebookId: 'plusport', decisionKinds }],
    reading,
    reasoning,
  });
}
