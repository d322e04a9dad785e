/**
 * Reads a customer's dated facts from the balances projection and computes its balance as of a
 * business time (libs/domain/src/finance/balance.ts). Read-your-writes: waits for the projections.
 */
import { Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { recordedInterestRates, type ReadModels } from '@ledger/application';
import type { EventStore } from '@ledger/event-store';
import {
  computeCustomerBalance,
  type AsOf,
  type CustomerBalance,
  type CustomerLedger,
  type InterestTables,
} from '@ledger/domain';
import {
  BALANCES,
  type ComplaintLedgerDocument,
  type CustomerTotalsDocument,
  type InvoiceLedgerDocument,
  type RefundLedgerDocument,
} from '@ledger/projections';
import { compareInstants, interestTableFor, withRecordedRates, type RulebookRegistry } from '@ledger/regulations';
import { READ_MODELS, RULEBOOKS, STORAGE } from '../tokens';

/** Invoices (and refunds, complaints) one balance reads at most: a bound, far above any customer. */
export const MAX_INVOICES_PER_BALANCE = 20_000;

@Injectable()
export class BalanceReader {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(RULEBOOKS) private readonly rulebooks: RulebookRegistry,
    @Inject(STORAGE) private readonly storage: { eventStore: EventStore },
  ) {}

  /**
   * The statutory rate tables: the built-in ones extended by the rates recorded with POST
   * /admin/statutory-rates (read from their stream, not a read model); as known at `knownAt` when set.
   */
  async interestTables(knownAt: string | null): Promise<InterestTables> {
    const recorded = (await recordedInterestRates(this.storage.eventStore)).filter(
      (rate) => knownAt === null || compareInstants(rate.recordedAt, knownAt) <= 0,
    );
    return {
      consumer: withRecordedRates(
        interestTableFor('consumer'),
        recorded.filter((r) => r.customerKind === 'consumer'),
      ),
      business: withRecordedRates(
        interestTableFor('business'),
        recorded.filter((r) => r.customerKind === 'business'),
      ),
    };
  }

  async customer(customerId: string): Promise<CustomerTotalsDocument | undefined> {
    return (await this.readModels.get<CustomerTotalsDocument>(BALANCES.name, BALANCES.customers, customerId))?.body;
  }

  async ledger(customerId: string, totals?: CustomerTotalsDocument): Promise<CustomerLedger> {
    const doc = totals ?? (await this.customer(customerId));
    if (!doc)
      throw new NotFoundException({ error: 'CUSTOMER_NOT_FOUND', message: `No customer ${customerId} in the ledger` });
    if (doc.invoiceCount > MAX_INVOICES_PER_BALANCE) {
      throw new UnprocessableEntityException({
        error: 'BALANCE_TOO_LARGE',
        message: `Customer ${customerId} has ${doc.invoiceCount} invoices; a balance reads at most ${MAX_INVOICES_PER_BALANCE}`,
      });
    }
    const where = { customerId };
    const tooLarge = () =>
      new UnprocessableEntityException({
        error: 'BALANCE_TOO_LARGE',
        message: `Customer ${customerId} has more than ${MAX_INVOICES_PER_BALANCE} invoices, refunds or complaints; a balance reads at most that many`,
      });
    const all = <T>(collection: string) =>
      this.readModels
        .findAll<T>(BALANCES.name, collection, { where }, MAX_INVOICES_PER_BALANCE)
        .catch((error: unknown) => {
          if (error instanceof Error && error.message.startsWith('More than')) throw tooLarge();
          throw error;
        });
    const [invoices, refunds, complaints] = await Promise.all([
      all<InvoiceLedgerDocument>(BALANCES.invoices),
      all<RefundLedgerDocument>(BALANCES.refunds),
      all<ComplaintLedgerDocument>(BALANCES.complaints),
    ]);
    return {
      customerId,
      kind: doc.kind,
      invoices: invoices.map((d) => d.body),
      refunds: refunds.map((d) => d.body),
      complaints: complaints.map((d) => d.body),
    };
  }

  /** Pass `tables` when computing many balances at once (an export) to read the rates once. */
  async balance(
    customerId: string,
    asOf: AsOf,
    totals?: CustomerTotalsDocument,
    tables?: InterestTables,
  ): Promise<CustomerBalance> {
    return computeCustomerBalance(
      await this.ledger(customerId, totals),
      asOf,
      this.rulebooks,
      tables ?? (await this.interestTables(asOf.knownAt)),
    );
  }
}
