/** Every billing aggregate's payment route (see billing/payment-routes.ts). */
import type { PaymentRoute } from './billing/payment-routes';
import { enrolmentPaymentRoute } from './enrolment/payment-route';
import { participantPaymentRoute } from './participant/payment-route';

export const paymentRoutes: readonly PaymentRoute[] = [enrolmentPaymentRoute, participantPaymentRoute];
