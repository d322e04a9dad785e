/**
 * Credit-note documents and the accounting export over HTTP (docs/operations.md "The finance day"):
 * the Dutch "Creditnota" PDF and the UBL 2.1 CreditNote validated against the OASIS XSD with the
 * ledger's totals; the journal export in the Exact Online and Twinfield layouts, every entry
 * balanced and its totals equal to the ledger's invoices, credit notes, payments and payouts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { formatEuroNl } from '@ledger/regulations';
import { pdfText, validateUbl } from '../support/documents';
import { enrolBusinessCustomer } from '../support/enrolment-fixtures';
import { commandId, newId, startHarness, TEST_KEYS, type Harness } from '../support/http-harness';

describe('credit-note documents and the journal export over HTTP', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await startHarness();
  });
  afterAll(async () => {
    await api.close();
  });

  const post = (route: string, body: Record<string, unknown>, expected = 201) => api.command(route, body, expected);

  const get = async (route: string) => {
    const res = await api.request('GET', route, { role: 'finance' });
    if (res.status !== 200) throw new Error(`GET ${route}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  const fetchBytes = async (route: string, accept: string) => {
    const response = await fetch(api.baseUrl + route, {
      headers: { authorization: `Bearer ${TEST_KEYS.finance}`, accept },
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: Buffer.from(await response.arrayBuffer()),
    };
  };

  /** Parses the export's CSV (no quoted separators in these rows) into objects by header. */
  function parseCsv(text: string, separator: string): Array<Record<string, string>> {
    const [header, ...rows] = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    const names = header!.split(separator);
    return rows.map((row) => Object.fromEntries(row.split(separator).map((value, i) => [names[i]!, value])));
  }
  const cents = (amount: string) => Math.round(Number(amount.replace(',', '.')) * 100);

  /**
   * A business customer (billing details) enrolled on a PlusPort classroom course of 500.00 + 21 %
   * VAT on 2026-02-02, paid in full on 2026-02-03 and cancelled on 2026-02-17 (half the price kept): the invoice is
   * credited down to the fee, the customer is owed a refund, and the refund is paid out.
   */
  async function creditedCustomer() {
    const { customerId, enrolmentId, invoiceId } = await enrolBusinessCustomer(api, {
      priceCents: 50_000,
      startsAt: '2026-03-02T09:00:00+01:00',
    });
    const paymentId = newId('pay');
    await post('/payments', { paymentId, invoiceId, amountCents: 60_500, receivedAt: '2026-02-03T12:00:00+01:00' });
    const cancelled = await post(`/enrolments/${enrolmentId}/cancellations`, {
      requestedAt: '2026-02-17T10:00:00+01:00',
      reason: 'regular',
    });
    expect(cancelled.decision.feeCents).toBeGreaterThan(0);
    expect(cancelled.decision.feeCents).toBeLessThan(50_000);
    expect((await api.request('POST', '/invoice-numbering/runs', { role: 'admin', body: {} })).status).toBe(200);
    const invoice = await get(`/invoices/${invoiceId}`);
    expect(invoice.creditNotes).toHaveLength(1);
    const refunds = await get(`/refunds?customerId=${customerId}`);
    expect(refunds).toHaveLength(1);
    const refund = refunds[0];
    await post(`/refunds/${refund.refundId}/payments`, {
      amountCents: refund.amountCents,
      paidAt: '2026-02-19T09:00:00+01:00',
      reference: 'TERUG-1',
    });
    return { customerId, invoice, creditNoteId: invoice.creditNotes[0].creditNoteId as string, paymentId, refund };
  }

  let scenario: Awaited<ReturnType<typeof creditedCustomer>>;
  beforeAll(async () => {
    scenario = await creditedCustomer();
  });

  it('the credit note JSON names its invoice and holds the ledger amounts, allocated over the invoice lines', async () => {
    const note = await get(`/credit-notes/${scenario.creditNoteId}`);
    const recorded = scenario.invoice.creditNotes[0];
    expect(note).toMatchObject({
      creditNoteId: scenario.creditNoteId,
      creditNoteNumber: expect.stringMatching(/^PP-CN-2026-\d{6}$/),
      invoiceId: scenario.invoice.invoiceId,
      invoiceNumber: scenario.invoice.invoiceNumber,
      totalCents: recorded.totalCents,
      vatRateBasisPoints: 2100,
    });
    expect(recorded.creditNoteNumber).toBe(note.creditNoteNumber);
    expect(note.netCents + note.vatCents).toBe(recorded.totalCents);
    expect(note.lines.reduce((sum: number, l: { netCents: number }) => sum + l.netCents, 0)).toBe(note.netCents);
    expect((await api.request('GET', '/credit-notes/cn-nope', { role: 'finance' })).status).toBe(404);
  });

  it('the credit-note PDF is a Dutch "Creditnota" naming its number, the invoice it credits and the amount as € -1.234,56', async () => {
    const note = await get(`/credit-notes/${scenario.creditNoteId}`);
    const pdf = await fetchBytes(`/credit-notes/${scenario.creditNoteId}`, 'application/pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.body.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const text = await pdfText(pdf.body);
    expect(text).toContain('Creditnota');
    expect(text).toContain(`Creditnotanummer: ${note.creditNoteNumber}`);
    expect(text).not.toContain(scenario.creditNoteId);
    expect(text).toContain(`Betreft factuur: ${scenario.invoice.invoiceNumber} van 02-02-2026`);
    expect(formatEuroNl(-note.totalCents)).toMatch(/^€ -\d{1,3}(\.\d{3})*,\d{2}$/);
    expect(text).toContain(formatEuroNl(-note.totalCents));
    expect(text).toContain(formatEuroNl(-note.vatCents));
    expect(text).toContain('Opleidingen Jansen B.V.');
  });

  it('the UBL CreditNote (381, Peppol BIS 3.0) validates against the UBL 2.1 XSD, references the invoice and its sums and VAT breakdown are the ledger credit note', async () => {
    const note = await get(`/credit-notes/${scenario.creditNoteId}`);
    const res = await fetchBytes(`/credit-notes/${scenario.creditNoteId}/ubl`, 'application/xml');
    expect(res.status).toBe(200);
    const xml = res.body.toString('utf8');
    expect(await validateUbl(xml, 'CreditNote')).toEqual([]);
    const ubl = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, parseTagValue: false }).parse(
      xml,
    ).CreditNote;
    const amount = (node: { '#text': string }) => Math.round(Number(node['#text']) * 100);
    expect(ubl.CustomizationID).toBe('urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0');
    expect(ubl.CreditNoteTypeCode).toBe('381');
    expect(ubl.ID).toBe(note.creditNoteNumber);
    expect(ubl.BillingReference.InvoiceDocumentReference).toEqual({
      ID: scenario.invoice.invoiceNumber,
      IssueDate: '2026-02-02',
    });
    const totals = ubl.LegalMonetaryTotal;
    expect(amount(totals.TaxExclusiveAmount)).toBe(note.netCents);
    expect(amount(totals.TaxInclusiveAmount)).toBe(note.totalCents);
    expect(amount(totals.PayableAmount)).toBe(scenario.invoice.creditNotes[0].totalCents);
    expect(amount(ubl.TaxTotal.TaxAmount)).toBe(note.vatCents);
    expect(ubl.TaxTotal.TaxSubtotal.TaxCategory).toMatchObject({ ID: 'S', Percent: '21' });
    expect(amount(ubl.TaxTotal.TaxSubtotal.TaxableAmount)).toBe(note.netCents);
    const lines = [ubl.CreditNoteLine].flat();
    expect(lines.reduce((sum, l) => sum + amount(l.LineExtensionAmount), 0)).toBe(note.netCents);
    // The check can fail: the schema refuses a credit note whose lines come before its totals.
    const broken = xml.replace(
      /(<cac:LegalMonetaryTotal>[\s\S]*<\/cac:LegalMonetaryTotal>)([\s\S]*<\/cac:CreditNoteLine>)/,
      '$2$1',
    );
    expect(broken).not.toBe(xml);
    expect((await validateUbl(broken, 'CreditNote')).length).toBeGreaterThan(0);
  });

  async function journal(query: string) {
    const res = await fetchBytes(`/exports/journal.csv?${query}`, 'text/csv');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv/);
    return res.body.toString('utf8');
  }

  it('FIN-I16: credit notes are numbered in a series of their own per provider and year, consecutively; until numbered their documents answer 409 CREDIT_NOTE_NOT_NUMBERED', async () => {
    const runNumbering = async () =>
      expect((await api.request('POST', '/invoice-numbering/runs', { role: 'admin', body: {} })).status).toBe(200);
    /** An invoice numbered first, then cancelled: a credit note the process has not read yet. */
    const unnumberedCreditNote = async () => {
      const { enrolmentId, invoiceId } = await enrolBusinessCustomer(api, {
        priceCents: 40_000,
        startsAt: '2026-04-06T09:00:00+02:00',
      });
      await runNumbering();
      await post(`/enrolments/${enrolmentId}/cancellations`, {
        requestedAt: '2026-03-02T10:00:00+01:00',
        reason: 'regular',
      });
      const invoice = await get(`/invoices/${invoiceId}`);
      expect(invoice.invoiceNumber).toMatch(/^PP-2026-\d{6}$/);
      expect(invoice.creditNotes).toEqual([expect.objectContaining({ creditNoteNumber: null })]);
      return invoice.creditNotes[0].creditNoteId as string;
    };
    const numbers: number[] = [];
    for (let round = 0; round < 2; round++) {
      const creditNoteId = await unnumberedCreditNote();
      const pdf = await api.request('GET', `/credit-notes/${creditNoteId}/ubl`, { role: 'finance' });
      expect([pdf.status, pdf.body.error]).toEqual([409, 'CREDIT_NOTE_NOT_NUMBERED']);
      expect((await get(`/credit-notes/${creditNoteId}`)).creditNoteNumber).toBeNull();
      await runNumbering();
      const note = await get(`/credit-notes/${creditNoteId}`);
      expect(note.creditNoteNumber).toMatch(/^PP-CN-2026-\d{6}$/);
      numbers.push(Number(note.creditNoteNumber.slice(-6)));
      expect((await api.request('GET', `/credit-notes/${creditNoteId}/ubl`, { role: 'finance' })).status).toBe(200);
    }
    // Nothing else was cancelled in between: the second note has the next number of the series.
    expect(numbers[1]).toBe(numbers[0]! + 1);
  });

  it('Exact layout: every entry balances (signed amounts sum to 0 per Boeking) and the customer entries equal the ledger', async () => {
    const rows = parseCsv(await journal('from=2026-02-01&to=2026-02-28&layout=exact&provider=plusport'), ',');
    expect(rows.length).toBeGreaterThan(0);
    const byEntry = new Map<string, Array<Record<string, string>>>();
    for (const row of rows) byEntry.set(row['Boeking']!, [...(byEntry.get(row['Boeking']!) ?? []), row]);
    for (const [entry, lines] of byEntry) {
      expect([entry, lines.reduce((sum, l) => sum + cents(l['Bedrag']!), 0)]).toEqual([entry, 0]);
      expect(lines.length).toBeGreaterThanOrEqual(2);
    }
    const { invoice, creditNoteId, paymentId, refund, customerId } = scenario;
    const mine = [...byEntry.values()].filter((lines) => lines.some((l) => l['Relatie'] === customerId));
    const entryOf = (boeking: string) => mine.find((lines) => lines[0]!['Boeking'] === boeking)!;
    const on = (lines: Array<Record<string, string>>, account: string) =>
      lines.filter((l) => l['Grootboekrekening'] === account).reduce((sum, l) => sum + cents(l['Bedrag']!), 0);
    expect(mine).toHaveLength(4);

    const invoiceLines = entryOf(`invoice:${invoice.invoiceId}`);
    expect(on(invoiceLines, '1300')).toBe(invoice.totalCents);
    expect(on(invoiceLines, '8040')).toBe(-invoice.netCents);
    expect(on(invoiceLines, '1500')).toBe(-invoice.vatCents);
    expect(invoiceLines[0]).toMatchObject({ Boekstuk: invoice.invoiceNumber, Boekjaar: '2026', Periode: '2' });
    expect(invoiceLines.find((l) => l['Grootboekrekening'] === '8040')!['Btw-code']).toBe('VH');

    const note = await get(`/credit-notes/${creditNoteId}`);
    const creditLines = entryOf(`credit-note:${creditNoteId}`);
    expect(on(creditLines, '1300')).toBe(-note.totalCents);
    expect(on(creditLines, '8040')).toBe(note.netCents);
    expect(on(creditLines, '1500')).toBe(note.vatCents);
    expect(creditLines[0]!['Factuurnummer']).toBe(invoice.invoiceNumber);
    expect(creditLines[0]!['Boekstuk']).toBe(note.creditNoteNumber);

    const payment = mine.find((lines) => lines[0]!['Boeking'].endsWith(`:${paymentId}`))!;
    expect(on(payment, '1100')).toBe(60_500);
    expect(on(payment, '1300')).toBe(-60_500);
    const payout = mine.find((lines) => lines[0]!['Boekstuk'] === refund.refundId)!;
    expect(on(payout, '1100')).toBe(-refund.amountCents);
    // What the customer owes after all four entries is the ledger's: the fee kept, paid.
    expect(mine.flat().reduce((sum, l) => sum + (l['Grootboekrekening'] === '1300' ? cents(l['Bedrag']!) : 0), 0)).toBe(
      invoice.totalCents - note.totalCents - 60_500 + refund.amountCents,
    );
  });

  it('Twinfield layout with format=nl: semicolons, a byte order mark, decimal commas, debet/credit per line, periods as YYYY/MM; debits equal credits per entry', async () => {
    const text = await journal('from=2026-02-01&to=2026-02-28&layout=twinfield&format=nl');
    expect(text.startsWith('\uFEFFDagboek;Datum;Periode;Boeking;')).toBe(true);
    const rows = parseCsv(text, ';');
    const totals = new Map<string, { debet: number; credit: number }>();
    for (const row of rows) {
      expect(row['Bedrag']).toMatch(/^\d+,\d{2}$/);
      expect(['debet', 'credit']).toContain(row['Debet/Credit']);
      expect(row['Periode']).toBe('2026/02');
      expect(row['Datum']).toMatch(/^\d{2}-02-2026$/);
      const sum = totals.get(row['Boeking']!) ?? { debet: 0, credit: 0 };
      sum[row['Debet/Credit'] as 'debet' | 'credit'] += cents(row['Bedrag']!);
      totals.set(row['Boeking']!, sum);
    }
    for (const [entry, { debet, credit }] of totals) expect([entry, debet]).toEqual([entry, credit]);
    const invoiceRow = rows.find((r) => r['Boeking'] === `invoice:${scenario.invoice.invoiceId}` && r['Relatie']);
    expect(invoiceRow).toMatchObject({ Dagboek: 'MEMO', Grootboekrekening: '1300', 'Debet/Credit': 'debet' });
    expect(invoiceRow!['Bedrag']).toBe('605,00');
  });

  it('the date range filters by booking date: the cancellation month holds the entries, the month after none of this customer', async () => {
    const before = parseCsv(await journal('from=2026-02-01&to=2026-02-09'), ',');
    const boekingen = new Set(before.filter((r) => r['Relatie'] === scenario.customerId).map((r) => r['Boeking']));
    // The invoice (02-02) and the payment (03-02), not the credit note (17-02) nor the payout (19-02).
    expect(boekingen.size).toBe(2);
    expect(boekingen.has(`invoice:${scenario.invoice.invoiceId}`)).toBe(true);
    const march = parseCsv(await journal('from=2026-03-01&to=2026-03-31'), ',');
    expect(march.filter((r) => r['Relatie'] === scenario.customerId)).toEqual([]);
  });

  it('every row streams (more entries in a month than one store page of 500) and the totals equal the ledger: invoices on debtors, payments on bank', async () => {
    const customerId = newId('cust');
    const offeringId = newId('off');
    await post('/customers', { customerId, kind: 'business', name: 'Volume B.V.', email: 'fin@volume.example' });
    await post('/offerings', {
      offeringId,
      title: 'E-learning VCA',
      rulebookId: 'plusport',
      kind: 'e-learning',
      components: [{ kind: 'e-learning', priceCents: 12_345 }],
    });
    const enrolments = 260;
    // One learner enrolled 260 times (a company re-booking a course): enrolments are independent agreements.
    const learnerId = newId('learner');
    await post('/learners', { learnerId, name: 'Cursist', email: 'cursist@volume.example' });
    for (let i = 0; i < enrolments; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const registered = await post('/enrolments', {
        enrolmentId: newId('enr'),
        offeringId,
        learnerId,
        customerId,
        registeredAt: `2026-04-${day}T10:00:00+02:00`,
      });
      await post('/payments', {
        paymentId: newId('pay'),
        invoiceId: registered.invoice.invoiceId,
        amountCents: registered.invoice.totalCents,
        receivedAt: `2026-04-${day}T15:00:00+02:00`,
      });
    }
    const rows = parseCsv(await journal('from=2026-04-01&to=2026-04-30&layout=exact'), ',');
    const entries = new Map<string, Array<Record<string, string>>>();
    for (const row of rows) entries.set(row['Boeking']!, [...(entries.get(row['Boeking']!) ?? []), row]);
    expect(entries.size).toBeGreaterThanOrEqual(2 * enrolments);
    for (const [entry, lines] of entries)
      expect([entry, lines.reduce((sum, l) => sum + cents(l['Bedrag']!), 0)]).toEqual([entry, 0]);

    const ledgerInvoices: Array<{ totalCents: number; payments: Array<{ amountCents: number; reversed: boolean }> }> =
      [];
    let cursor: string | null = null;
    do {
      const page = await get(
        `/invoices?issuedFrom=2026-04-01&issuedTo=2026-04-30&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      ledgerInvoices.push(...page.invoices);
      cursor = page.nextCursor;
    } while (cursor);
    const onDebtors = (kind: string) =>
      [...entries.entries()]
        .filter(([entry]) => entry.startsWith(`${kind}:`))
        .flatMap(([, lines]) => lines)
        .filter((l) => l['Grootboekrekening'] === '1300')
        .reduce((sum, l) => sum + cents(l['Bedrag']!), 0);
    expect(onDebtors('invoice')).toBe(ledgerInvoices.reduce((sum, i) => sum + i.totalCents, 0));
    const paid = ledgerInvoices.flatMap((i) => i.payments).reduce((sum, p) => sum + p.amountCents, 0);
    expect(onDebtors('payment')).toBe(-paid);
    expect(paid).toBe(enrolments * 14_937);
  }, 300_000);

  it('bad input is 400 naming the parameter: a missing from, to before from, an unknown layout, a range beyond 120 months', async () => {
    for (const [query, field] of [
      ['to=2026-02-01', 'from'],
      ['from=2026-02-10&to=2026-02-01', 'to'],
      ['from=2026-02-01&to=2026-02-28&layout=afas', 'layout'],
      ['from=2016-01-01&to=2026-12-31', 'to'],
      ['from=2026-02-01&to=2026-02-28&format=xls', 'format'],
    ]) {
      const res = await api.request('GET', `/exports/journal.csv?${query}`, { role: 'finance' });
      expect([query, res.status]).toEqual([query, 400]);
      expect(JSON.stringify(res.body)).toMatch(field!);
    }
  });

  it('LEDGER_PROVIDER_BILLING_FILE replaces the placeholder details on the documents; an invalid file stops the API at start naming the field', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-billing-'));
    const shipped = JSON.parse(
      fs.readFileSync(
        path.join(__dirname, '../../apps/admin-api/src/finance/invoicing/provider-billing.defaults.json'),
        'utf8',
      ),
    );
    shipped.providers.plusport.legalName = 'PlusPort Echte Naam B.V.';
    const good = path.join(dir, 'billing.json');
    fs.writeFileSync(good, JSON.stringify(shipped));
    const own = await startHarness({ env: { LEDGER_PROVIDER_BILLING_FILE: good } });
    try {
      const send = async (route: string, body: Record<string, unknown>) => {
        const res = await own.request('POST', route, { role: 'backoffice', body: { commandId: commandId(), ...body } });
        expect([route, res.status]).toEqual([route, 201]);
        return res.body;
      };
      const customerId = newId('cust');
      const learnerId = newId('learner');
      const offeringId = newId('off');
      await send('/customers', { customerId, kind: 'business', name: 'Jansen', email: 'info@jansen.example' });
      await send('/learners', { learnerId, name: 'P. de Boer', email: 'p.deboer@example.nl' });
      await send('/offerings', {
        offeringId,
        title: 'Veilig werken',
        rulebookId: 'plusport',
        kind: 'classroom',
        startsAt: '2026-05-04T09:00:00+02:00',
        components: [{ kind: 'classroom', priceCents: 20_000 }],
      });
      const registered = await send('/enrolments', {
        enrolmentId: newId('enr'),
        offeringId,
        learnerId,
        customerId,
        registeredAt: '2026-03-02T10:00:00+01:00',
      });
      expect((await own.request('POST', '/invoice-numbering/runs', { role: 'admin', body: {} })).status).toBe(200);
      const res = await fetch(`${own.baseUrl}/invoices/${registered.invoice.invoiceId}`, {
        headers: { authorization: `Bearer ${TEST_KEYS.finance}`, accept: 'application/pdf' },
      });
      expect(res.status).toBe(200);
      const text = await pdfText(Buffer.from(await res.arrayBuffer()));
      expect(text).toContain('PlusPort Echte Naam B.V.');
      expect(text).not.toContain('PlusPort Opleidingen B.V.');
    } finally {
      await own.close();
    }
    shipped.providers.plusport.iban = 'NL91ABNA0417164301';
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify(shipped));
    await expect(startHarness({ env: { LEDGER_PROVIDER_BILLING_FILE: bad } })).rejects.toThrow(
      /LEDGER_PROVIDER_BILLING_FILE .*plusport has an invalid iban/,
    );
  });
});
