/**
 * SPOT's finance acts: the invoice-number prefix. SPOT has no late-payment or complaint rule: the
 * statutory defaults apply (FIN-I1, FIN-I12).
 */
import type { FinanceActs } from '../../../contract/finance';

export const spotLmsFinanceActs: Partial<FinanceActs> = Object.freeze({ invoiceNumbering: { prefix: 'SPOT' } });
