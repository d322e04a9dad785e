/**
 * Bank statements over HTTP (docs/operations.md "Bank statements"): a camt.053 file whose credit
 * lines carry an invoice's betalingskenmerk or number becomes payments; the rest waits unmatched
 * with suggestions and is allocated by hand; a re-import pays nothing twice; a broken file is 400
 * naming the element and imports nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commandId, newId, startHarness, type Harness } from '../support/http-harness';

const TEMPLATE = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'camt053', 'statement.camt053.xml'), 'utf8');
const PLUSPORT_IBAN = 'NL91ABNA0417164300';

function statementFile(fill: { statementId: string; structuredRef: string; text2: string }): string {
  return TEMPLATE.replaceAll('{{STATEMENT_ID}}', fill.statementId)
    .replaceAll('{{STRUCTURED_REF}}', fill.structuredRef)
    .replaceAll('{{TEXT_2}}', fill.text2);
}
/** The ledger's id of a statement: the account and the bank's statement id. */
const ledgerStatementId = (bankStatementId: string) =>
  createHash('sha256').update(`${PLUSPORT_IBAN}:${bankStatementId}`).digest('hex').slice(0, 20);

describe('bank statements over HTTP', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await startHarness();
  });
  afterAll(async () => {
    await api.close();
  });

  const post = (route: string, body: Record<string, unknown>, expected = 201) => api.command(route, body, expected);
  const importFile = (xml: string) =>
    api.request('POST', '/bank-statements', {
      role: 'finance',
      rawBody: xml,
      headers: { 'content-type': 'application/xml' },
    });
  const invoice = async (invoiceId: string) =>
    (await api.request('GET', `/invoices/${invoiceId}`, { role: 'finance' })).body;
  const streamLength = async (streamId: string): Promise<number> => {
    const res = await api.request('GET', `/streams/${streamId}/events`, { role: 'auditor' });
    return res.status === 404 ? 0 : res.body.events.length;
  };

  /** A PlusPort invoice of 1,210.00 (1,000.00 + 21 % VAT), numbered. */
  async function numberedInvoice() {
    const customerId = newId('cust');
    const learnerId = newId('learner');
    const offeringId = newId('off');
    await post('/customers', { customerId, kind: 'business', name: 'Jansen B.V.', email: 'info@jansen.example' });
    await post('/learners', { learnerId, name: 'P. de Boer', email: 'p@example.nl' });
    await post('/offerings', {
      offeringId,
      title: 'Veilig werken',
      rulebookId: 'plusport',
      kind: 'classroom',
      startsAt: '2026-05-02T09:00:00+02:00',
      components: [{ kind: 'classroom', priceCents: 100_000 }],
    });
    const registered = await post('/enrolments', {
      enrolmentId: newId('enr'),
      offeringId,
      learnerId,
      customerId,
      registeredAt: '2026-02-02T10:00:00+01:00',
    });
    expect((await api.request('POST', '/invoice-numbering/runs', { role: 'admin', body: {} })).status).toBe(200);
    return invoice(registered.invoice.invoiceId);
  }

  it('a line with the payment reference is paid, an unknown line waits unmatched; a re-import adds 0 payments', async () => {
    const a = await numberedInvoice();
    const bankStatementId = `STMT-${randomUUID().slice(0, 8)}`;
    const xml = statementFile({ statementId: bankStatementId, structuredRef: a.paymentReference, text2: 'Donatie' });

    const first = await importFile(xml);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      statementId: ledgerStatementId(bankStatementId),
      entries: 3,
      matched: 1,
      unmatched: 1,
      debits: 1,
      newPayments: 1,
    });
    expect(await invoice(a.invoiceId)).toMatchObject({ paidCents: 121_000, outstandingCents: 0 });

    const again = await importFile(xml);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ matched: 1, unmatched: 1, newPayments: 0 });
    expect((await invoice(a.invoiceId)).payments).toHaveLength(1);

    const view = await api.request('GET', `/bank-statements/${first.body.statementId}`, { role: 'finance' });
    expect(view.body).toMatchObject({ accountIban: PLUSPORT_IBAN });
    expect(view.status).toBe(200);
    expect(view.body.lines.map((l: { status: string }) => l.status)).toEqual(['matched', 'unmatched', 'debit']);
    expect(view.body.lines[0].allocations[0]).toMatchObject({
      invoiceId: a.invoiceId,
      matchedBy: 'payment-reference',
      amountCents: 121_000,
    });
    expect(view.body.lines[1]).toMatchObject({
      counterpartyName: 'P. de Vries',
      remittanceText: 'Donatie',
      unallocatedCents: 5_500,
    });
  });

  it('by invoice number in the text; the unmatched line gets suggestions by amount and is allocated by hand, idempotently', async () => {
    const b = await numberedInvoice();
    const c = await numberedInvoice();
    const bankStatementId = `STMT-${randomUUID().slice(0, 8)}`;
    // Line 1's reference has a wrong check digit: no match, but an open invoice of 1,210.00 is suggested.
    const xml = statementFile({
      statementId: bankStatementId,
      structuredRef: '1234567890123456',
      text2: `betaling ${b.invoiceNumber.toLowerCase()} deel 1`,
    });
    const imported = await importFile(xml);
    expect(imported.body).toMatchObject({ matched: 1, unmatched: 1, newPayments: 1 });
    expect(await invoice(b.invoiceId)).toMatchObject({ paidCents: 5_500 });

    const view = (await api.request('GET', `/bank-statements/${imported.body.statementId}`, { role: 'finance' })).body;
    const [line1, line2] = view.lines;
    expect(line2.allocations[0]).toMatchObject({ invoiceId: b.invoiceId, matchedBy: 'invoice-number' });
    expect(line1.status).toBe('unmatched');
    expect(line1.suggestions.map((s: { invoiceId: string }) => s.invoiceId)).toContain(c.invoiceId);
    expect(line1.suggestions.every((s: { outstandingCents: number }) => s.outstandingCents === 121_000)).toBe(true);

    // Refused, nothing appended: more than the line, an unknown invoice, a debit line, an unknown line.
    const statementStream = `bank-statement-${imported.body.statementId}`;
    const before = [await streamLength(statementStream), await streamLength(b.ownerStreamId)];
    const allocate = (lineId: string, body: Record<string, unknown>) =>
      api.request('POST', `/bank-statement-lines/${lineId}/allocations`, {
        role: 'finance',
        body: { commandId: commandId(), ...body },
      });
    const tooMuch = await allocate(line1.lineId, { invoiceId: b.invoiceId, amountCents: 121_001 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.message).toMatch(/amountCents/);
    expect((await allocate(line1.lineId, { invoiceId: 'inv-unknown' })).status).toBe(404);
    expect((await allocate(view.lines[2].lineId, { invoiceId: b.invoiceId })).body.error).toBe('LINE_NOT_A_CREDIT');
    expect((await allocate(`${imported.body.statementId}-L99`, { invoiceId: b.invoiceId })).status).toBe(404);
    expect((await allocate(line1.lineId, { invoiceId: b.invoiceId, amountCents: 0 })).status).toBe(400);
    expect([await streamLength(statementStream), await streamLength(b.ownerStreamId)]).toEqual(before);

    const byHand = { commandId: commandId(), invoiceId: b.invoiceId, amountCents: 115_500 };
    const allocated = await api.request('POST', `/bank-statement-lines/${line1.lineId}/allocations`, {
      role: 'finance',
      body: byHand,
    });
    expect(allocated.status).toBe(201);
    expect(allocated.body).toMatchObject({
      newPayment: true,
      allocation: { matchedBy: 'manual', amountCents: 115_500 },
    });
    const resent = await api.request('POST', `/bank-statement-lines/${line1.lineId}/allocations`, {
      role: 'finance',
      body: byHand,
    });
    expect(resent.status).toBe(201);
    expect(resent.body).toMatchObject({ newPayment: false, paymentId: allocated.body.paymentId });
    // 55.00 + 1,155.00: the invoice is paid; the line has 55.00 left (partly allocated).
    expect(await invoice(b.invoiceId)).toMatchObject({ paidCents: 121_000, outstandingCents: 0 });
    const after = (await api.request('GET', `/bank-statements/${imported.body.statementId}`, { role: 'finance' })).body;
    expect(after.lines[0]).toMatchObject({ status: 'partly-allocated', unallocatedCents: 5_500 });
  });

  it('splits one line over several invoices; over-allocation is refused naming amountCents; two at once pay once', async () => {
    const d = await numberedInvoice();
    const e = await numberedInvoice();
    const f = await numberedInvoice();
    const bankStatementId = `STMT-${randomUUID().slice(0, 8)}`;
    const imported = await importFile(
      statementFile({ statementId: bankStatementId, structuredRef: '1234567890123456', text2: 'Donatie' }),
    );
    const lineId = `${imported.body.statementId}-L1`;
    const allocate = (invoiceId: string, amountCents?: number) =>
      api.request('POST', `/bank-statement-lines/${lineId}/allocations`, {
        role: 'finance',
        body: { commandId: commandId(), invoiceId, ...(amountCents === undefined ? {} : { amountCents }) },
      });
    // 1,210.00 = 400.00 on d + 500.00 on e + the remaining 310.00 on f.
    expect((await allocate(d.invoiceId, 40_000)).status).toBe(201);
    expect((await allocate(e.invoiceId, 50_000)).status).toBe(201);
    const view = async () =>
      (await api.request('GET', `/bank-statements/${imported.body.statementId}`, { role: 'finance' })).body.lines[0];
    expect(await view()).toMatchObject({ status: 'partly-allocated', unallocatedCents: 31_000 });

    const statementStream = `bank-statement-${imported.body.statementId}`;
    const before = [await streamLength(statementStream), await streamLength(f.ownerStreamId)];
    const over = await allocate(f.invoiceId, 31_001);
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({
      error: 'ALLOCATION_EXCEEDS_LINE',
      message: expect.stringMatching(/^amountCents: /),
    });
    expect([await streamLength(statementStream), await streamLength(f.ownerStreamId)]).toEqual(before);

    // Two allocations of the remainder at once: one is recorded, the other refused, f paid once.
    const both = await Promise.all([allocate(f.invoiceId, 31_000), allocate(f.invoiceId, 31_000)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 422]);
    expect((await invoice(f.invoiceId)).payments).toHaveLength(1);
    expect(await view()).toMatchObject({ status: 'matched', unallocatedCents: 0 });
    expect((await view()).allocations.map((a: { amountCents: number }) => a.amountCents)).toEqual([
      40_000, 50_000, 31_000,
    ]);

    // The statements, latest import first, a page at a time; the list shows no payer.
    const first = await api.request('GET', '/bank-statements?limit=1', { role: 'auditor' });
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([
      {
        statementId: imported.body.statementId,
        accountIban: PLUSPORT_IBAN,
        bankStatementId,
        createdAt: expect.any(String),
        importedAt: expect.any(String),
        allocations: 3,
        allocatedCents: 121_000,
      },
    ]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const seen = [imported.body.statementId];
    for (let cursor = first.body.nextCursor; cursor;) {
      const page = await api.request('GET', `/bank-statements?limit=1&cursor=${encodeURIComponent(cursor)}`, {
        role: 'finance',
      });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i: { statementId: string }) => i.statementId));
      cursor = page.body.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(first.body)).not.toContain('P. de Vries');
    const badLimit = await api.request('GET', '/bank-statements?limit=0', { role: 'finance' });
    expect(badLimit.status).toBe(400);
    expect(JSON.stringify(badLimit.body)).toContain('limit');
    expect((await api.request('GET', '/bank-statements?cursor=nonsense', { role: 'finance' })).status).toBe(400);
    expect((await api.request('GET', '/bank-statements', { role: 'backoffice' })).status).toBe(403);
  });

  it('a broken or non-camt.053 file is 400 naming the element, and nothing is imported', async () => {
    const bankStatementId = `STMT-${randomUUID().slice(0, 8)}`;
    const good = statementFile({ statementId: bankStatementId, structuredRef: '5000056789012345', text2: 'x' });
    const cases: Array<[string, RegExp]> = [
      [good.slice(0, good.length / 2), /Document: not well-formed XML/],
      [
        good.replace(
          'xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"',
          'xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"',
        ),
        /Document: namespace/,
      ],
      [good.replace('<Amt Ccy="EUR">55.00</Amt>', '<Amt Ccy="EUR">55,00</Amt>'), /Stmt\/Ntry\[2\]\/Amt/],
      [good.replace('<CdtDbtInd>DBIT</CdtDbtInd>', ''), /Stmt\/Ntry\[3\]\/CdtDbtInd: is missing/],
      [good.replace('<IBAN>NL91ABNA0417164300</IBAN>', '<IBAN>NL91ABNA0417164301</IBAN>'), /Stmt\/Acct\/Id\/IBAN/],
      ['', /Document/],
    ];
    for (const [xml, message] of cases) {
      const res = await importFile(xml);
      expect({ message: String(message), status: res.status }).toEqual({ message: String(message), status: 400 });
      expect(res.body.message).toMatch(message);
    }
    const json = await api.request('POST', '/bank-statements', { role: 'finance', body: { camt: good } });
    expect(json.status).toBe(400);
    expect(await streamLength(`bank-statement-${ledgerStatementId(bankStatementId)}`)).toBe(0);
    expect(
      (await api.request('GET', `/bank-statements/${ledgerStatementId(bankStatementId)}`, { role: 'finance' })).status,
    ).toBe(404);
  });
});
