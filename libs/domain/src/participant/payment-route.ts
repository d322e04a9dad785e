/** POST /payments: a payment against a participant's invoice becomes its RecordPayment command. */
import type { PaymentRoute } from '../billing/payment-routes';
import type { RecordParticipantPayment } from './commands';
import { participantDecider } from './decide';
import { PARTICIPANT_STREAM_PREFIX } from './events';

export const participantPaymentRoute: PaymentRoute = {
  streamPrefix: PARTICIPANT_STREAM_PREFIX,
  toCommand(ownerStreamId, payment) {
    const command: RecordParticipantPayment = {
      type: 'RecordPayment',
      participantId: ownerStreamId.slice(PARTICIPANT_STREAM_PREFIX.length),
      ...payment,
    };
    return { decider: participantDecider, command };
  },
};
