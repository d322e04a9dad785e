/** Every billing aggregate's payment route (see billing/payment-routes.ts). */
import type { PaymentRoute } from './billing/payment-routes';

// Features add their route here as they land (enrolment-, participant-).
export const paymentRoutes: readonly PaymentRoute[] = [];
