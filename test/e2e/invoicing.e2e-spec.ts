/**
 * Invoice documents over HTTP (docs/operations.md "The finance day"): customer billing details,
 * the betalingskenmerk on every invoice, the Dutch PDF and the UBL 2.1 / Peppol BIS 3.0
 * e-invoice validated against the OASIS XSD with totals that match the ledger.
 */
import { XMLParser } from 'fast-xml-parser';
import { isBetalingskenmerk } from '@ledger/regulations';
import { pdfText, validateUbl } from '../support/documents';
import { enrolBusinessCustomer, JANSEN_BILLING_DETAILS } from '../support/enrolment-fixtures';
import { commandId, newId, startHarness, TEST_KEYS, type Harness } from '../support/http-harness';

describe('invoice documents over HTTP', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await startHarness();
  });
  afterAll(async () => {
    await api.close();
  });

  const post = (route: string, body: Record<string, unknown>, expected = 201) => api.command(route, body, expected);

  const streamLength = async (streamId: string): Promise<number> => {
    const res = await api.request('GET', `/streams/${streamId}/events`, { role: 'auditor' });
    return res.status === 404 ? 0 : res.body.events.length;
  };

  const billingDetails = JANSEN_BILLING_DETAILS;

  /** A business customer with billing details and a numbered PlusPort invoice of 1,000.00 + 21 % VAT. */
  async function invoicedCustomer() {
    const { customerId, invoiceId } = await enrolBusinessCustomer(api, {
      priceCents: 100_000,
      startsAt: '2026-05-02T09:00:00+02:00',
    });
    const numbering = await api.request('POST', '/invoice-numbering/runs', { role: 'admin', body: {} });
    expect(numbering.status).toBe(200);
    return { customerId, invoiceId };
  }

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

  it('billing details: a VAT id failing its check digits is 400 naming vatId, and nothing is appended; valid ones are shown on GET /customers/{id}', async () => {
    const customerId = newId('cust');
    await post('/customers', {
      customerId,
      kind: 'business',
      name: 'Jansen',
      email: 'info@jansen.example',
    });
    const before = await streamLength(`customer-${customerId}`);
    const refused = await api.request('POST', `/customers/${customerId}/billing-details`, {
      role: 'backoffice',
      body: { commandId: commandId(), ...billingDetails, vatId: 'NL123456783B01' },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/vatId/);
    const badAddress = await api.request('POST', `/customers/${customerId}/billing-details`, {
      role: 'backoffice',
      body: { commandId: commandId(), ...billingDetails, address: { ...billingDetails.address, countryCode: 'nl' } },
    });
    expect(badAddress.status).toBe(400);
    expect(JSON.stringify(badAddress.body)).toMatch(/countryCode/);
    expect(await streamLength(`customer-${customerId}`)).toBe(before);

    await post(`/customers/${customerId}/billing-details`, billingDetails);
    const customer = await api.request('GET', `/customers/${customerId}`, { role: 'finance' });
    expect(customer.body.billingDetails).toMatchObject(billingDetails);
  });

  it('a consumer has no VAT id: 422 CONSUMER_HAS_NO_VAT_ID', async () => {
    const customerId = newId('cust');
    await post('/customers', { customerId, kind: 'consumer', name: 'A. Jansen', email: 'a@jansen.example' });
    const refused = await api.request('POST', `/customers/${customerId}/billing-details`, {
      role: 'backoffice',
      body: { commandId: commandId(), ...billingDetails },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('CONSUMER_HAS_NO_VAT_ID');
  });

  it('FIN-I9: a numbered invoice carries a betalingskenmerk; its PDF starts with %PDF and shows the number, € 1.210,00, the dates as dd-mm-jjjj and the kenmerk', async () => {
    const { invoiceId } = await invoicedCustomer();
    const invoice = await api.request('GET', `/invoices/${invoiceId}`, { role: 'finance' });
    expect(invoice.status).toBe(200);
    expect(invoice.body).toMatchObject({ totalCents: 121_000, issuedOn: '2026-02-02' });
    expect(isBetalingskenmerk(invoice.body.paymentReference)).toBe(true);
    expect(invoice.body.paymentReference.slice(1, 5)).toBe('2026');

    const pdf = await fetchBytes(`/invoices/${invoiceId}`, 'application/pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.body.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const text = await pdfText(pdf.body);
    expect(text).toContain(invoice.body.invoiceNumber);
    expect(text).toContain('€ 1.210,00');
    expect(text).toContain('€ 1.000,00');
    expect(text).toContain('Factuurdatum: 02-02-2026');
    expect(text).toContain(`Betalingskenmerk: ${invoice.body.paymentReference}`);
    expect(text).toContain('Opleidingen Jansen B.V.');
    expect(text).toContain('NL123456782B01');
  });

  it("EN 16931: the UBL e-invoice validates against the UBL 2.1 XSD, names Peppol BIS 3.0, and its sums and VAT breakdown are the ledger's", async () => {
    const { invoiceId } = await invoicedCustomer();
    const invoice = (await api.request('GET', `/invoices/${invoiceId}`, { role: 'finance' })).body;
    const res = await fetchBytes(`/invoices/${invoiceId}/ubl`, 'application/xml');
    expect(res.status).toBe(200);
    const xml = res.body.toString('utf8');
    expect(await validateUbl(xml, 'Invoice')).toEqual([]);

    const ubl = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, parseTagValue: false }).parse(
      xml,
    ).Invoice;
    const amount = (node: { '#text': string }) => Math.round(Number(node['#text']) * 100);
    expect(ubl.CustomizationID).toBe('urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0');
    expect(ubl.ID).toBe(invoice.invoiceNumber);
    expect(ubl.PaymentMeans.PaymentID).toBe(invoice.paymentReference);
    const totals = ubl.LegalMonetaryTotal;
    expect(amount(totals.TaxExclusiveAmount)).toBe(invoice.netCents);
    expect(amount(totals.TaxInclusiveAmount)).toBe(invoice.totalCents);
    expect(amount(totals.PayableAmount)).toBe(invoice.totalCents);
    expect(amount(ubl.TaxTotal.TaxAmount)).toBe(invoice.vatCents);
    // BR-CO-14: the invoice VAT is the sum of the breakdown; BR-S-08: taxable per rate is the lines' sum.
    expect(ubl.TaxTotal.TaxSubtotal.TaxCategory).toMatchObject({ ID: 'S', Percent: '21' });
    expect(amount(ubl.TaxTotal.TaxSubtotal.TaxableAmount)).toBe(100_000);
    expect(amount(ubl.TaxTotal.TaxSubtotal.TaxAmount)).toBe(21_000);
    expect(ubl.AccountingCustomerParty.Party.PartyTaxScheme.CompanyID).toBe('NL123456782B01');

    // The check can fail: an invoice without its ID is refused by the schema.
    expect((await validateUbl(xml.replace(/<cbc:ID>[^<]*<\/cbc:ID>/, ''), 'Invoice')).length).toBeGreaterThan(0);
  });

  it('GET /invoices filters by customer, status, overdue and issue date, a page at a time; a bad filter is 400 naming it', async () => {
    const { customerId, invoiceId } = await invoicedCustomer();
    const list = async (query: string) => {
      const res = await api.request('GET', `/invoices?${query}`, { role: 'finance' });
      expect(res.status).toBe(200);
      return res.body.invoices.map((i: { invoiceId: string }) => i.invoiceId);
    };
    expect(await list(`customerId=${customerId}`)).toEqual([invoiceId]);
    expect(await list(`customerId=${customerId}&status=open&provider=plusport`)).toEqual([invoiceId]);
    expect(await list(`customerId=${customerId}&status=paid`)).toEqual([]);
    // Due before the course of 2026-05-02: not overdue on 2026-03-02, overdue on 2026-06-01.
    expect(await list(`customerId=${customerId}&overdue=true&asOf=2026-03-02`)).toEqual([]);
    expect(await list(`customerId=${customerId}&overdue=true&asOf=2026-06-01`)).toEqual([invoiceId]);
    expect(await list(`customerId=${customerId}&issuedFrom=2026-02-02&issuedTo=2026-02-02`)).toEqual([invoiceId]);
    expect(await list(`customerId=${customerId}&issuedFrom=2026-02-03`)).toEqual([]);
    const first = await api.request('GET', '/invoices?limit=1', { role: 'finance' });
    expect(first.body.invoices).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api.request('GET', `/invoices?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`, {
      role: 'finance',
    });
    expect(second.body.invoices[0].invoiceId).not.toBe(first.body.invoices[0].invoiceId);
    for (const [query, field] of [
      ['status=late', 'status'],
      ['overdue=yes', 'overdue'],
      ['issuedFrom=2026-13-01', 'issuedFrom'],
      ['limit=501', 'limit'],
    ]) {
      const res = await api.request('GET', `/invoices?${query}`, { role: 'finance' });
      expect([query, res.status]).toEqual([query, 400]);
      expect(JSON.stringify(res.body)).toMatch(field!);
    }
  });

  it('an unknown invoice is 404 for the PDF and the UBL', async () => {
    expect((await fetchBytes('/invoices/inv-nope/ubl', 'application/xml')).status).toBe(404);
    expect((await fetchBytes('/invoices/inv-nope', 'application/pdf')).status).toBe(404);
  });
});
