/**
 * GET /search: customers and learners by name, invoices by number or payment reference, for the
 * console's search screen (docs/operations.md "Console").
 *
 * Names are personal data, sealed per person in the log and absent from every read model (D9),
 * so a search by name goes through the `people` directory (ids only) in log order and reads each
 * candidate's name from its own stream, decrypted, compared in memory and never written anywhere.
 * One request examines at most MAX_EXAMINED people; the answer says how many it examined and
 * gives `nextCursor` while the directory has more, so a search never stops short without saying so.
 */
import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiPropertyOptional, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import type { ReadModels, Storage } from '@ledger/application';
import { customerStreamId, learnerStreamId } from '@ledger/domain';
import { ERASED } from '@ledger/event-store';
import { INVOICES, PEOPLE, type InvoiceDocument, type PersonDocument, type PersonKind } from '@ledger/projections';
import { may, Roles } from '../auth/roles';
import type { LedgerRequest } from '../http/commands';
import { Doc, objectOf } from '../http/openapi';
import { READ_MODELS, STORAGE } from '../tokens';

/** People whose names one request reads at most; the cursor goes on from there. */
export const MAX_EXAMINED = 1_000;
/** Events of one person's stream read for their names (registration and billing details). */
const PERSON_EVENTS_READ = 200;
const MAX_TERMS = 10;
/** Invoices sharing one number (one per provider's series): far below this. */
const MAX_INVOICE_HITS = 50;

export class SearchQuery {
  @ApiProperty({ example: 'de vries', description: 'A name (every word must occur) or an invoice number' })
  @IsString()
  @Length(2, 200, { message: 'q must be 2 to 200 characters' })
  q!: string;

  @ApiPropertyOptional({ description: 'People per page, 1-100 (default 20)' })
  @IsOptional()
  @Matches(/^([1-9][0-9]?|100)$/, { message: 'limit must be a whole number from 1 to 100' })
  limit?: string;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page of this same search' })
  @IsOptional()
  @IsString()
  @Length(1, 4096)
  cursor?: string;
}

/** Lower case, accents off, single spaces: "Érik  de Vries" finds "erik de vries". */
export const normaliseName = (text: string): string =>
  text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

interface PersonHit {
  kind: PersonKind;
  id: string;
  name: string;
  registeredAt: string;
}

@ApiTags('reference data')
@Controller('search')
export class SearchController {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(STORAGE) private readonly storage: Storage,
  ) {}

  @Doc({
    summary: 'Search by name or invoice number',
    description:
      "Customers and learners whose name (or a customer's invoice name) contains every word of `q`, ignoring case and accents, for roles that may read those names (customers: backoffice, finance, auditor; learners: backoffice, auditor); erased people are not found. Invoices whose number or payment reference is `q`, for roles that read invoices (first page only). Names are read from each person's own stream, never from a read model: one page examines at most 1,000 people in registration order and answers `examined` and `nextCursor` (null once every person was examined). `names` says which kinds were searched. 400 naming `q`, `limit` or `cursor`. Appends nothing.",
    errors: [400],
    response: objectOf(
      '{ q, names: { customers, learners }, people: [{ kind, id, name, registeredAt }], invoices: [{ invoiceId, invoiceNumber, customerId, outstandingCents, ... }], examined, nextCursor }',
    ),
  })
  @Get()
  @Roles('backoffice', 'finance', 'auditor')
  async search(@Query() query: SearchQuery, @Req() request: LedgerRequest) {
    const principal = request.principal;
    const names = { customers: may(principal, 'customerNames'), learners: may(principal, 'learnerNames') };
    const terms = normaliseName(query.q).split(' ').slice(0, MAX_TERMS);
    await this.readModels.ready();
    const invoices =
      query.cursor === undefined && may(principal, 'financeRead') ? await this.invoicesNumbered(query.q) : [];
    const people: PersonHit[] = [];
    let examined = 0;
    let cursor = query.cursor;
    const limit = query.limit ? Number(query.limit) : 20;
    const kind = names.customers && names.learners ? undefined : names.customers ? 'customer' : 'learner';
    if (names.customers || names.learners) {
      do {
        // A page no longer than the room left: every person of it may match, none is dropped.
        const page = await this.readModels.find<PersonDocument>(PEOPLE.name, PEOPLE.collection, {
          where: kind ? { kind, erased: false } : { erased: false },
          orderBy: { field: 'position', direction: 'asc' },
          limit: Math.min(limit - people.length, MAX_EXAMINED - examined),
          cursor,
        });
        const found = await Promise.all(page.items.map(({ body }) => this.matching(body, terms)));
        people.push(...found.filter((hit): hit is PersonHit => hit !== null));
        examined += page.items.length;
        cursor = page.nextCursor;
      } while (cursor && people.length < limit && examined < MAX_EXAMINED);
    } else cursor = undefined;
    return { q: query.q, names, people, invoices, examined, nextCursor: cursor ?? null };
  }

  private async invoicesNumbered(q: string) {
    const number = q.trim().toUpperCase();
    const reference = q.replace(/[\s.]/g, '');
    const wheres: Array<Record<string, string>> = [{ invoiceNumber: number }];
    if (/^\d{16}$/.test(reference)) wheres.push({ paymentReference: reference });
    const found = new Map<string, InvoiceDocument>();
    for (const where of wheres) {
      const page = await this.readModels.find<InvoiceDocument>(INVOICES.name, INVOICES.collection, {
        where,
        limit: MAX_INVOICE_HITS,
      });
      for (const { body } of page.items) found.set(body.invoiceId, body);
    }
    return [...found.values()].map((i) => ({
      invoiceId: i.invoiceId,
      invoiceNumber: i.invoiceNumber,
      paymentReference: i.paymentReference,
      customerId: i.customerId,
      provider: i.provider,
      issuedOn: i.issuedOn,
      totalCents: i.totalCents,
      outstandingCents: i.outstandingCents,
    }));
  }

  /** The person when every term occurs in one of their names, read decrypted from their stream. */
  private async matching(person: PersonDocument, terms: string[]): Promise<PersonHit | null> {
    const streamId =
      person.kind === 'customer' ? customerStreamId(person.subjectId) : learnerStreamId(person.subjectId);
    const events = await this.storage.eventStore.readStream(streamId, { maxCount: PERSON_EVENTS_READ });
    let name: unknown;
    const candidates: unknown[] = [];
    for (const event of events) {
      if (event.type === 'CustomerRegistered') name = event.data['name'];
      if (event.type === 'LearnerRegistered') name = event.data['displayName'];
      if (event.type === 'CustomerBillingDetailsRecorded') candidates.push(event.data['legalName']);
    }
    candidates.unshift(name);
    if (typeof name !== 'string' || name === ERASED) return null;
    const matches = candidates.some((candidate) => {
      if (typeof candidate !== 'string') return false;
      const normalised = normaliseName(candidate);
      return terms.every((term) => normalised.includes(term));
    });
    return matches ? { kind: person.kind, id: person.subjectId, name, registeredAt: person.registeredAt } : null;
  }
}
