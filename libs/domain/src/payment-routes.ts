/** Every billing aggregate's payment route (see billing/payment-routes.ts). */
import type { PaymentRoute } from './billing/payment-routes';
import { participantPaymentRoute } from './participant/payment-route';

// Enrolments add theirs when the feature lands.
export const paymentRoutes: readonly PaymentRoute[] = [participantPaymentRoute];
