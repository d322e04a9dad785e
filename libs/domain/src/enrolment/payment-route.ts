/** POST /payments: a payment against an enrolment's invoice becomes its RecordPayment command. */
import type { PaymentRoute } from '../billing/payment-routes';
import type { RecordPayment } from './commands';
import { enrolmentDecider } from './decide';
import { ENROLMENT_STREAM_PREFIX } from './events';

export const enrolmentPaymentRoute: PaymentRoute = {
  streamPrefix: ENROLMENT_STREAM_PREFIX,
  toCommand(ownerStreamId, payment) {
    const command: RecordPayment = {
      type: 'RecordPayment',
      enrolmentId: ownerStreamId.slice(ENROLMENT_STREAM_PREFIX.length),
      ...payment,
    };
    return { decider: enrolmentDecider, command };
  },
};
