/** The acts a rulebook version implements, by area. An area a rulebook leaves out is not its business. */
import type { EnrolmentActs } from './enrolment';
import type { FinanceActs } from './finance';
import type { LicenceActs } from './licences';
import type { ActOf } from './acts';
import type { VersionPublishingAct } from './publishing';

export interface RulebookActs {
  /** Offerings, bookings and everything that happens to them. */
  enrolment?: EnrolmentActs;
  /** Late payment, reminders, complaints; statutory defaults apply where a book has no rule. */
  finance?: Partial<FinanceActs>;
  /** Licences of a member organisation (participant). */
  licences?: LicenceActs;
  /** New versions of the rulebook published through the API (new prices, changed terms). */
  publishing?: ActOf<VersionPublishingAct>;
}
