/**
 * VLI rule texts for auditors (seed 002, docs/seeds/002_aaa67cd6e63a63ee.txt): every rule id of the
 * `vli` rulebook in the project's words, with the Dutch original quoted.
 */
import { quoteFrom } from '../../rule-texts/builders';
import type { RulebookTexts } from '../../rule-texts/types';

const at = quoteFrom('vli');

export const VLI_RULE_TEXTS: RulebookTexts = {
  rulebookId: 'vli',
  provider: 'Vertex Learning Institute (VLI) — huishoudelijk reglement',
  rules: [
    {
      ruleId: 'VLI-2.3',
      rulebookId: 'vli',
      title: 'Cancel 48 hours ahead, or before 09:00 when sick',
      text:
        'A regular cancellation at least 48 hours before the start costs nothing; later, the training is charged in ' +
        'full (100 %). A sickness cancellation costs nothing when the notice arrives before 09:00 Europe/Amsterdam ' +
        'on the training day and before the start (whichever is earlier); later, 100 %. Hospitalisation counts as ' +
        'sickness.',
      article: at(
        'art. 2.3',
        'De afmelding dient minimaal 48 uur van tevoren gedaan te worden en bij ziekte minimaal in de ochtend voor ' +
          '9:00 uur (voor aanvang van de geplande training). Bij niet tijdig afmelden of in andere gevallen behoud VLI ' +
          'het recht om de training in rekening te brengen.',
      ),
      interpretationIds: ['MONEY-I1'],
      ledgerDecision: true,
    },
    {
      ruleId: 'VLI-2.1',
      rulebookId: 'vli',
      title: 'Admission needs ID, and a valid VOG for security courses',
      text:
        'A learner is admitted only with a valid ID and, for security courses, a valid VOG (certificate of conduct). ' +
        'Missing either, the learner is refused and the enrolment needs a new date.',
      article: at(
        'art. 2.1',
        'Bij het ontbreken van vermelde zaken of het niet in orde zijn van, wordt de cursist de training ontzegd en ' +
          'zal er een nieuwe afspraak ingepland moeten worden.',
      ),
      seeAlso: [
        at(
          'art. 2.1',
          'Hierbij controleert de docent het ID-bewijs van de cursist (ter vaststelling dat de ingeschreven cursist en ' +
            'de fysieke persoon dezelfde zijn). Daarnaast controleert de docent ook de gedigheid van de VOG/VGB van ' +
            'de desbetreffende cursist.',
        ),
        at(
          'art. 4.3',
          'In geval van securityopleidingen is de VOG beoordeeld door de docent voor aanvang van de cursus.',
        ),
      ],
      interpretationIds: [],
      catalogueVsSeed:
        'Art. 2.1 has the teacher check the VOG/VGB of every learner; only art. 4.3 (exam conditions) limits the ' +
        'VOG to security courses. The catalogue, and the ledger, require a VOG for security courses only.',
      ledgerDecision: true,
    },
    {
      ruleId: 'VLI-4.3a',
      rulebookId: 'vli',
      title: 'Pass marks: 80 %, or 70 % / 90 % for IL&T dangerous-goods state exams',
      text:
        'An exam is passed with a score of 80 % or more. For the IL&T dangerous-goods state exams the mark is 70 %, ' +
        'or 90 % when the learner works for an E-recognition holder. The score is points out of a maximum, compared ' +
        'exactly, without rounding.',
      article: at(
        'art. 4.3',
        'Wanneer de cursist een score behaalt van 80% of meer dan is deze geslaagd. Uitzondering op deze regel is bij ' +
          'staatexamens voor gevaarlijke stoffen van IL&T. Bij deze examens dient minimaal een score van 70% behaald ' +
          'te worden en als een persoon werkzaam is bij een E-erkenning houder moet dit minimaal 90% zijn.',
      ),
      interpretationIds: [],
      ledgerDecision: true,
    },
    {
      ruleId: 'VLI-4.3b',
      rulebookId: 'vli',
      title: 'One resit without redoing the training',
      text:
        'A learner who fails may resit the exam once without redoing the training; the resit may cost extra (a ' +
        'rulebook parameter, 0 by default). A second resit is refused.',
      article: at(
        'art. 4.3',
        'Als de cursist zakt voor een examen mag het examen 1x herkanst worden zonder de gehele training opnieuw te ' +
          'volgen. Afhankelijk van het examen kunnen hier extra kosten voor in rekening gebracht worden.',
      ),
      interpretationIds: ['MONEY-I1'],
      ledgerDecision: true,
    },
    {
      ruleId: 'VLI-4.3c',
      rulebookId: 'vli',
      title: 'Fraud fails the exam, without resit',
      text: 'Fraud during the exam fails it at once, and no resit is allowed.',
      article: at(
        'art. 4.3',
        'Bij constatering van fraude (bijvoorbeeld onrechtmatig gebruik van de telefoon, spieken bij de buren, ' +
          'onderling overleg) wordt voortgang van het examen ontzegd en resulteert dit automatisch tot het zakken van ' +
          'de cursist. In dit geval is herexamen zoals vermeld bij punt 4 niet van toepassing.',
      ),
      interpretationIds: [],
      ledgerDecision: true,
    },
    {
      ruleId: 'VLI-6.2',
      rulebookId: 'vli',
      title: 'Complaints within 3 weeks; acknowledged in 5 working days; investigated in 2 weeks',
      text:
        'A complaint must be filed within 3 weeks of the incident; VLI acknowledges it within 5 working days, and a ' +
        'complaint declared well-founded is investigated within 2 weeks of that declaration. A complaint after the ' +
        '3 weeks is refused.',
      article: at(
        'art. 6.2',
        'De klacht dient zo snel mogelijk te worden echter binnen een termijn van 3 weken na het voorval of ' +
          'constatering.',
      ),
      seeAlso: [
        at(
          'art. 6.2',
          'Na schriftelijke melding wordt de klacht gelogd en krijgt u binnen 5 werkdagen een bevestiging per mail.',
        ),
        at(
          'art. 6.2',
          'Als de klacht gegrond is verklaard door de directie wordt een onderzoek ingesteld dat binnen 2 weken na ' +
            'gegrondverklaring moet zijn afgerond.',
        ),
      ],
      interpretationIds: ['CAL-I1'],
      catalogueVsSeed:
        'The seed lets the 3 weeks run from the incident or from when it was noticed ("na het voorval of ' +
        'constatering"); the catalogue counts from the incident only, and so does the ledger (the command names ' +
        'the incident day).',
      ledgerDecision: true,
    },
    {
      ruleId: 'VLI-5.2',
      rulebookId: 'vli',
      title: "Former learners' name and e-mail are kept 10 years",
      text:
        "Former learners' name and e-mail are kept for 10 years, then erased; other personal data is kept as long as " +
        'the law requires or while the learner keeps training. Erasure on request is separate (GDPR-17).',
      article: at(
        'art. 5.2',
        'Oud-cursisten Gegevens: Persoonsnamen – emailadres. Grondslag: Ondubbelzinnige toestemming en vrij en ' +
          'geïnformeerd zijn Bewaartermijn: 10 jaar',
      ),
      seeAlso: [
        at(
          'art. 5.2',
          'Bewaartermijn: Zolang dit wettelijk verplicht is of de cursist zijn trainingen bij VLI blijft volgen.',
        ),
      ],
      interpretationIds: [],
      catalogueVsSeed:
        'For current learners the seed gives no period ("zolang dit wettelijk verplicht is"), so only the 10 years ' +
        'of former learners is a deadline the ledger can keep.',
      ledgerDecision: true,
    },
    // ---- seed rules the ledger does not decide ------------------------------------------------
    {
      ruleId: 'VLI-2.4',
      rulebookId: 'vli',
      title: 'Misuse of knowledge excludes from later trainings',
      text: 'A learner who misuses what they learned is excluded from later trainings and reported to the authorities.',
      article: at(
        'art. 2.4',
        'Als mocht blijken dat de cursist op enige wijze misbruik maakt van de kennis van het geleerde heeft dit tot ' +
          'gevolg dat men bij volgende trainingen wordt uitgesloten van deelname.',
      ),
      interpretationIds: [],
      ledgerDecision: false,
      reason:
        "A judgement of VLI's management about a person, with no fee, refund or deadline; VLI refuses later " +
        'registrations itself.',
    },
    {
      ruleId: 'VLI-3.2',
      rulebookId: 'vli',
      title: 'Damage is recovered from the learner or employer',
      text: 'Damage to lent training material or the premises is recovered from the learner or their employer.',
      article: at('art. 3.2', 'Geconstateerde schade zal worden verhaald op de cursist of werkgever van de cursist.'),
      interpretationIds: [],
      ledgerDecision: false,
      reason: 'The amount is the damage found, not something a rule computes; it is invoiced outside the rulebook.',
    },
  ],
  interpretations: [],
};
