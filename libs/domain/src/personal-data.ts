import type { PersonalDataPolicy } from '@ledger/event-store';
import { bankStatementPersonalData } from './bank-statement';
import { customerPersonalData } from './customer';
import { learnerPersonalData } from './learner';
import { participantPersonalData } from './participant/events';
import { userPersonalData } from './user/events';

/** Every event type that carries personal data, and whose it is. Features add theirs here. */
export const personalDataPolicy: PersonalDataPolicy = Object.freeze({
  ...customerPersonalData,
  ...learnerPersonalData,
  ...participantPersonalData,
  ...userPersonalData,
  ...bankStatementPersonalData,
});
