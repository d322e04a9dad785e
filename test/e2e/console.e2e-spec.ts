/**
 * The back-office console in a real browser (chromium through playwright-core) against the real
 * ledger over a fresh embedded store: the console is built from the sources, served at `/` by the
 * ledger, and every screen reads and writes through the API with the signed-in key.
 * Screenshots go to test-artifacts/console/ (CONSOLE_DOCS_SCREENSHOTS=1 refreshes docs/console/).
 */
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildConsole, launchChromium, screenshotPaths } from '../support/browser';
import { commandId, newId, startHarness, TEST_KEYS, type Harness, type TestRole } from '../support/http-harness';

jest.setTimeout(120_000);

const CAMT053_TEMPLATE = fs.readFileSync(
  path.join(__dirname, '..', 'fixtures', 'camt053', 'statement.camt053.xml'),
  'utf8',
);
const PLUSPORT_IBAN = 'NL91ABNA0417164300';

describe('back-office console in the browser', () => {
  let consoleDir: string;
  let api: Harness;
  let browser: Browser;
  let enrolmentId: string;
  let customerId: string;
  let participantId: string;

  async function post(route: string, body: Record<string, unknown>, role: TestRole = 'backoffice') {
    const res = await api.request('POST', route, { role, body: { commandId: commandId(), ...body } });
    if (res.status !== 201 && res.status !== 200)
      throw new Error(`POST ${route}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  beforeAll(async () => {
    consoleDir = buildConsole();
    api = await startHarness({ env: { LEDGER_CONSOLE_DIR: consoleDir } });
    browser = await launchChromium();
    customerId = newId('cust');
    const learnerId = newId('learner');
    const offeringId = newId('off');
    enrolmentId = newId('enr');
    const at = '2026-01-05T10:00:00+01:00';
    await post('/customers', {
      customerId,
      kind: 'consumer',
      name: 'J. Jansen',
      email: 'j@example.nl',
      registeredAt: at,
    });
    await post('/learners', { learnerId, name: 'P. de Boer', email: 'p@example.nl', registeredAt: at });
    await post('/offerings', {
      offeringId,
      title: 'Pakket e-learning + examen',
      rulebookId: 'plusport',
      kind: 'package-exam',
      startsAt: '2026-04-20T09:00:00+02:00',
      components: [
        { kind: 'e-learning', priceCents: 100_000 },
        { kind: 'exam', priceCents: 20_000 },
      ],
    });
    const registered = await post('/enrolments', {
      enrolmentId,
      offeringId,
      learnerId,
      customerId,
      registeredAt: '2026-03-02T10:00:00+01:00',
    });
    await post('/payments', {
      paymentId: newId('pay'),
      invoiceId: registered.invoice.invoiceId,
      amountCents: registered.invoice.totalCents,
      receivedAt: '2026-03-03T10:00:00+01:00',
    });
    participantId = newId('part');
    await post('/participants', { participantId, name: 'Opleider BV' });
    const employeeId = newId('learner');
    await post('/learners', {
      learnerId: employeeId,
      name: 'S. Jansen',
      email: 's@example.nl',
      employerId: participantId,
    });
    await post(`/participants/${participantId}/licences`, {
      licenceId: newId('lic'),
      learnerId: employeeId,
      registeredAt: '2026-03-02T10:00:00+01:00',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    if (consoleDir) fs.rmSync(consoleDir, { recursive: true, force: true });
  });

  async function openConsole(width = 1280, height = 900): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: { width, height },
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
    });
    // Fail in seconds, not Playwright's default 30 s: everything here answers from a local store.
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${api.baseUrl}/`);
    return { context, page };
  }

  /** Signs in with the keyboard only: the key field is reachable by its label, Enter submits. */
  async function signIn(page: Page, role: TestRole): Promise<void> {
    await page.getByLabel('Persoonlijke API-sleutel').focus();
    await page.keyboard.type(TEST_KEYS[role]);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Navigatie' }).waitFor();
  }

  async function shoot(page: Page, name: string): Promise<void> {
    for (const path of screenshotPaths(name)) await page.screenshot({ path, fullPage: true });
  }

  it('GET / answers the console HTML; a wrong key is refused on the sign-in page', async () => {
    const res = await fetch(`${api.baseUrl}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<div id="root"></div>');
    expect(html).toMatch(/<script type="module"[^>]* src="\/assets\/index-[\w-]+\.js"/);

    // Before a build, `/` says what is missing instead of a bare 404.
    const unbuilt = await startHarness({ env: { LEDGER_CONSOLE_DIR: `${consoleDir}-not-built` } });
    try {
      const missing = await unbuilt.request('GET', '/', { role: null });
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ error: 'CONSOLE_NOT_BUILT' });
    } finally {
      await unbuilt.close();
    }

    const { context, page } = await openConsole();
    await shoot(page, 'sign-in');
    await page.getByLabel('Persoonlijke API-sleutel').fill('not-a-key-of-this-ledger');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('401');
    await context.close();
  });

  it('back office: finds the enrolment, quotes a cancellation, commits it, sees the decision and its rule text', async () => {
    const { context, page } = await openConsole();
    await signIn(page, 'backoffice');
    // Through the customer: the search lists the customer and each of its enrolments.
    await page.getByRole('combobox', { name: 'Zoeken naar' }).click();
    await page.getByRole('option', { name: 'Klant (id)' }).click();
    await page.getByLabel('Id of nummer').fill(customerId);
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    const result = page.getByRole('link', { name: `Openen ${enrolmentId}` });
    await result.waitFor();
    await shoot(page, 'search');
    await result.click();
    await expect(page.getByTestId('enrolment-status').textContent()).resolves.toBe('active');

    // The same body the console sends, quoted through the API, is what the console must show.
    await page.getByLabel('Verzoek ontvangen op').fill('2026-04-14T10:00');
    await page.getByRole('button', { name: 'Offerte berekenen' }).click();
    const quote = page.getByTestId('quote');
    await quote.waitFor();
    const apiQuote = await api.request('POST', `/enrolments/${enrolmentId}/cancellations/quote`, {
      role: 'backoffice',
      body: { commandId: commandId(), requestedAt: '2026-04-14T08:00:00.000Z', reason: 'regular' },
    });
    expect(apiQuote.status).toBe(200);
    const { feeGrossCents, refundCents, ruleIds } = apiQuote.body.decision;
    const euros = (cents: number) =>
      `€ ${Math.floor(cents / 100)
        .toString()
        .replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${String(cents % 100).padStart(2, '0')}`;
    const quoteText = (await quote.textContent()) ?? '';
    expect(quoteText).toContain(`Kosten: ${euros(feeGrossCents)}`);
    expect(quoteText).toContain(`Terug te betalen: ${euros(refundCents)}`);
    expect(feeGrossCents).toBeGreaterThan(100_000); // thousands separator shown: € 1.xxx,yy
    const eventsBefore = (await api.request('GET', `/streams/enrolment-${enrolmentId}/events`, { role: 'auditor' }))
      .body.events.length;
    await shoot(page, 'act-quote');

    await quote.getByRole('button', { name: 'Vastleggen' }).click();
    const committed = page.getByTestId('committed');
    await committed.waitFor();
    expect(await committed.textContent()).toContain(`Kosten: ${euros(feeGrossCents)}`);
    await expect(page.getByTestId('enrolment-status').textContent()).resolves.toBe('cancelled');
    const events = (await api.request('GET', `/streams/enrolment-${enrolmentId}/events`, { role: 'auditor' })).body
      .events;
    expect(events.length).toBeGreaterThan(eventsBefore);
    const cancelled = events.find((e: { type: string }) => e.type === 'EnrolmentCancelled');
    expect(cancelled.data.decision.ruleIds).toEqual(ruleIds);
    expect(cancelled.actor).toMatchObject({ userId: 'svc-test-backoffice', kind: 'service', origin: 'api' });

    // The decision's rule id opens the rule's text and the quoted article of the original.
    const ruleId = ruleIds[0] as string;
    const rule = await api.request('GET', `/rulebooks/plusport/rules/${ruleId}`, { role: 'backoffice' });
    await committed.getByRole('button', { name: `Regeltekst ${ruleId}` }).click();
    const ruleText = page.getByTestId('rule-text');
    await ruleText.waitFor();
    expect(await ruleText.textContent()).toContain(rule.body.title);
    expect(await ruleText.textContent()).toContain(rule.body.article.ref);
    await shoot(page, 'decision-rule-text');
    await page.keyboard.press('Escape');
    await ruleText.waitFor({ state: 'detached' });
    await expect(page.getByRole('table', { name: 'Tijdlijn' }).textContent()).resolves.toContain('EnrolmentCancelled');
    await shoot(page, 'enrolment');
    await context.close();
  });

  it('auditor: finds the decision by rule id, verifies it, verifies the chain', async () => {
    const { context, page } = await openConsole();
    await signIn(page, 'auditor');
    await page.getByRole('link', { name: 'Audit' }).click();
    const decisions = await api.request('GET', `/decisions?streamId=enrolment-${enrolmentId}`, { role: 'auditor' });
    // The enrolment's latest decision: the cancellation the back office committed above, else its due date.
    const cancellation = decisions.body.items.at(-1);
    await page.getByLabel('Regel-id').fill(cancellation.ruleIds[0]);
    await page.getByRole('button', { name: 'Filteren' }).click();
    const verifyButton = page.getByRole('button', { name: `Verifiëren ${cancellation.decisionId}` });
    await verifyButton.click();
    await expect(page.getByRole('status').filter({ hasText: 'Geverifieerd' }).first().textContent()).resolves.toBe(
      'Geverifieerd',
    );
    await page.getByRole('button', { name: 'Keten verifiëren' }).click();
    await expect(page.getByTestId('chain-status').textContent()).resolves.toBe('In orde');
    // The rule-id filter leaves only decisions citing that rule.
    await expect(page.getByTestId('decision-list').textContent()).resolves.toContain(cancellation.ruleIds[0]);
    // Projection status: every projection of the ledger, by name.
    await expect(page.getByRole('table', { name: 'Status projecties' }).textContent()).resolves.toContain(
      'decision_log',
    );
    await shoot(page, 'auditor');
    await context.close();
  });

  it('finance and SPOT participant screens show euros', async () => {
    const { context, page } = await openConsole();
    await signIn(page, 'finance');
    await page.getByRole('link', { name: 'Financiën' }).click();
    await page.getByLabel('Klant-id').fill(customerId);
    await page.getByRole('button', { name: 'Tonen' }).click();
    const balance = page.getByTestId('balance');
    await balance.waitFor();
    expect(await balance.textContent()).toMatch(/Openstaand€ \d{1,3}(\.\d{3})*,\d{2}/);
    await shoot(page, 'finance');

    // Dunning (GET /dunning per status): nothing is overdue on the test clock, so each status answers an empty list, not an error.
    await page.getByText('Aanmaningen: Te versturen: Nog niets').waitFor();
    await page.getByText('Gepauzeerd', { exact: true }).click();
    await page.getByText('Aanmaningen: Gepauzeerd: Nog niets').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);

    await page.getByRole('link', { name: 'SPOT-deelnemer' }).click();
    await page.getByLabel('Deelnemer-id').fill(participantId);
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.getByText('Actieve licenties').waitFor();
    await page.getByRole('table', { name: 'Licenties' }).waitFor();
    await shoot(page, 'participant');
    await context.close();
  });

  /** A numbered PlusPort invoice of € 1.210,00 (€ 1.000,00 + 21 % btw) for a new business customer. */
  async function numberedInvoice() {
    const billedCustomerId = newId('cust');
    const learnerId = newId('learner');
    const offeringId = newId('off');
    await post('/customers', {
      customerId: billedCustomerId,
      kind: 'business',
      name: 'Jansen B.V.',
      email: 'i@j.example',
    });
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
      customerId: billedCustomerId,
      registeredAt: '2026-02-02T10:00:00+01:00',
    });
    expect((await api.request('POST', '/invoice-numbering/runs', { role: 'admin', body: {} })).status).toBe(200);
    return invoice(registered.invoice.invoiceId);
  }
  const invoice = async (invoiceId: string) =>
    (await api.request('GET', `/invoices/${invoiceId}`, { role: 'finance' })).body;

  it('finance imports a statement and allocates the unmatched line', async () => {
    const partlyPaid = await numberedInvoice();
    const open = await numberedInvoice();
    expect(open).toMatchObject({ outstandingCents: 121_000, payments: [] });
    // Line 1 (€ 1.210,00) carries a reference with a wrong check digit: unmatched, with the open
    // invoices of that amount as suggestions. Line 2 (€ 55,00) names partlyPaid's number: matched.
    const bankStatementId = `STMT-${randomUUID().slice(0, 8)}`;
    const xml = CAMT053_TEMPLATE.replaceAll('{{STATEMENT_ID}}', bankStatementId)
      .replaceAll('{{STRUCTURED_REF}}', '1234567890123456')
      .replaceAll('{{TEXT_2}}', `factuur ${partlyPaid.invoiceNumber}`);

    const { context, page } = await openConsole();
    await signIn(page, 'finance');
    await page.getByRole('link', { name: 'Financiën' }).click();
    await page.getByLabel('Bankafschrift (camt.053-bestand)').setInputFiles({
      name: `${bankStatementId}.xml`,
      mimeType: 'application/xml',
      buffer: Buffer.from(xml, 'utf8'),
    });
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toBe('Regels3Gematcht1Niet gematcht1Afschrijvingen1Nieuwe betalingen1');
    expect(await invoice(partlyPaid.invoiceId)).toMatchObject({ paidCents: 5_500 });

    const statementId = createHash('sha256').update(`${PLUSPORT_IBAN}:${bankStatementId}`).digest('hex').slice(0, 20);
    const line = page.getByTestId(`line-${statementId}-L1`);
    await line.waitFor();
    const lineText = (await line.textContent()) ?? '';
    expect(lineText).toContain('€ 1.210,00');
    expect(lineText).toContain('Opleidingen Jansen B.V.');
    expect(lineText).toContain(`${open.invoiceNumber} · ${open.customerId} · Openstaand € 1.210,00`);
    // Only the unmatched line is queued: the matched and debit lines are not.
    await expect(page.getByTestId(`line-${statementId}-L2`).count()).resolves.toBe(0);
    await shoot(page, 'finance-bank-import');

    await line.getByRole('button', { name: `Toewijzen aan ${open.invoiceNumber}` }).click();
    await expect(page.getByTestId('allocated').textContent()).resolves.toBe(`Toegewezen aan ${open.invoiceNumber}`);
    await page.getByText('Alle ontvangsten van dit afschrift zijn toegewezen.').waitFor();

    // The ledger recorded it: a payment of the whole line on the invoice, allocated by hand.
    expect(await invoice(open.invoiceId)).toMatchObject({
      paidCents: 121_000,
      outstandingCents: 0,
      payments: [expect.objectContaining({ amountCents: 121_000 })],
    });
    const statement = await api.request('GET', `/bank-statements/${statementId}`, { role: 'finance' });
    expect(statement.body.lines[0]).toMatchObject({
      status: 'matched',
      allocations: [{ invoiceId: open.invoiceId, matchedBy: 'manual', amountCents: 121_000 }],
    });
    await context.close();
  });

  it('search: the back office finds people by name, finance an invoice by its number; each sees only their areas', async () => {
    const surname = `Verhoeven${randomUUID().slice(0, 4)}`;
    const namedCustomerId = newId('cust');
    await post('/customers', {
      customerId: namedCustomerId,
      kind: 'consumer',
      name: `Anouk ${surname}`,
      email: 'a@x.nl',
    });
    const namedLearnerId = newId('learner');
    await post('/learners', { learnerId: namedLearnerId, name: `Ánouk ${surname}`, email: 'b@x.nl' });

    const { context, page } = await openConsole();
    await signIn(page, 'backoffice');
    await expect(page.getByTestId('signed-in-as').filter({ visible: true }).textContent()).resolves.toBe(
      'test-backoffice · backoffice · via API-sleutel',
    );
    // The back office has no audit area.
    const navigation = page.getByRole('navigation', { name: 'Navigatie' });
    await expect(navigation.getByRole('link', { name: 'Audit' }).count()).resolves.toBe(0);
    // Name search is the first kind offered; case and accents do not matter.
    await page.getByLabel('Naam of factuurnummer').fill(`anouk ${surname.toLowerCase()}`);
    await page.keyboard.press('Enter');
    const results = page.getByRole('table', { name: 'Resultaten' });
    await results.waitFor();
    const text = (await results.textContent()) ?? '';
    expect(text).toContain(`Anouk ${surname}`);
    expect(text).toContain(`Ánouk ${surname}`);
    await shoot(page, 'search-by-name');
    await page.getByRole('link', { name: `Openen ${namedCustomerId}` }).click();
    await page.getByText(`Anouk ${surname}`).first().waitFor();
    await context.close();

    // Finance: an invoice by its number; no commands on an enrolment (no quote form).
    const numbered = await numberedInvoice();
    const finance = await openConsole();
    await signIn(finance.page, 'finance');
    await finance.page.getByLabel('Naam of factuurnummer').fill(numbered.invoiceNumber);
    await finance.page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await finance.page.getByRole('link', { name: `Openen ${numbered.invoiceId}` }).waitFor();
    await finance.page.goto(`${api.baseUrl}/#/enrolments/${enrolmentId}`);
    await finance.page.getByTestId('enrolment-status').waitFor();
    await expect(finance.page.getByRole('button', { name: 'Offerte berekenen' }).count()).resolves.toBe(0);
    await finance.context.close();
  });

  it('finance splits one statement line over two invoices, is refused more than is left, and reopens the statement from the list', async () => {
    const first = await numberedInvoice();
    const second = await numberedInvoice();
    const bankStatementId = `STMT-${randomUUID().slice(0, 8)}`;
    const xml = CAMT053_TEMPLATE.replaceAll('{{STATEMENT_ID}}', bankStatementId)
      .replaceAll('{{STRUCTURED_REF}}', '1234567890123456')
      .replaceAll('{{TEXT_2}}', 'Donatie');
    const statementId = createHash('sha256').update(`${PLUSPORT_IBAN}:${bankStatementId}`).digest('hex').slice(0, 20);

    const { context, page } = await openConsole();
    await signIn(page, 'finance');
    await page.getByRole('link', { name: 'Financiën' }).click();
    await page.getByLabel('Bankafschrift (camt.053-bestand)').setInputFiles({
      name: `${bankStatementId}.xml`,
      mimeType: 'application/xml',
      buffer: Buffer.from(xml, 'utf8'),
    });
    const line = page.getByTestId(`line-${statementId}-L1`);
    await line.waitFor();
    await expect(line.getByTestId('left-to-allocate').textContent()).resolves.toBe('Nog toe te wijzen: € 1.210,00');

    // € 400,00 to the first invoice, typed by its number.
    await line.getByLabel('Bedrag (€)').fill('400,00');
    await line.getByLabel('Andere factuur (nummer of id)').fill(first.invoiceNumber);
    await line.getByRole('button', { name: 'Toewijzen', exact: true }).click();
    await expect(page.getByTestId('allocated').textContent()).resolves.toBe(`Toegewezen aan ${first.invoiceNumber}`);
    // The confirmation shows at once; the line's rest follows when the statement has reloaded.
    const leftToAllocate = line.getByTestId('left-to-allocate');
    await leftToAllocate.filter({ hasText: '€ 810,00' }).waitFor();
    await expect(leftToAllocate.textContent()).resolves.toBe('Nog toe te wijzen: € 810,00');
    await expect(line.getByLabel('Bedrag (€)').inputValue()).resolves.toBe('810,00');

    // More than is left: the ledger refuses naming amountCents, and records nothing.
    const eventsBefore = (
      await api.request('GET', `/streams/bank-statement-${statementId}/events`, { role: 'auditor' })
    ).body.events.length;
    await line.getByLabel('Bedrag (€)').fill('900,00');
    await line.getByLabel('Andere factuur (nummer of id)').fill(second.invoiceId);
    await line.getByRole('button', { name: 'Toewijzen', exact: true }).click();
    const refusal = line.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('amountCents: line');
    await shoot(page, 'finance-partial-allocation');
    expect(
      (await api.request('GET', `/streams/bank-statement-${statementId}/events`, { role: 'auditor' })).body.events
        .length,
    ).toBe(eventsBefore);

    // The rest to the second invoice: the line leaves the queue (line 2, € 55,00 for nobody, stays).
    await line.getByLabel('Bedrag (€)').fill('810');
    await line.getByRole('button', { name: 'Toewijzen', exact: true }).click();
    await line.waitFor({ state: 'detached' });
    expect(await invoice(first.invoiceId)).toMatchObject({ paidCents: 40_000, outstandingCents: 81_000 });
    expect(await invoice(second.invoiceId)).toMatchObject({ paidCents: 81_000, outstandingCents: 40_000 });

    // The earlier statements, latest first: this one with its two allocations.
    const latest = page.getByRole('table', { name: 'Eerdere afschriften' }).locator('tbody tr').first();
    const withBothAllocations = new RegExp(`^${bankStatementId}NL91ABNA0417164300.*2€ 1\\.210,00`);
    // The list reloads after the allocation answered: wait for it rather than read it at once.
    await latest.filter({ hasText: withBothAllocations }).waitFor();
    await expect(latest.textContent()).resolves.toMatch(withBothAllocations);
    await shoot(page, 'finance-statement-list');
    await context.close();

    // A fresh visit opens it from the list; at 390 px nothing is wider than the screen.
    const narrow = await openConsole(390, 844);
    await signIn(narrow.page, 'finance');
    await narrow.page.goto(`${api.baseUrl}/#/finance`);
    await narrow.page.getByRole('button', { name: `Openen ${bankStatementId}` }).click();
    await narrow.page.getByText(`Niet-gematchte regels · ${bankStatementId}`).waitFor();
    await narrow.page.getByTestId(`line-${statementId}-L2`).waitFor();
    await expect(narrow.page.getByTestId(`line-${statementId}-L1`).count()).resolves.toBe(0);
    const overflow = await narrow.page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shoot(narrow.page, 'finance-390px');
    await narrow.context.close();
  });

  it('works at 390 px wide (menu behind a button, nothing wider than the screen) and switches to English', async () => {
    const { context, page } = await openConsole(390, 844);
    await signIn(page, 'backoffice');
    await page.goto(`${api.baseUrl}/#/enrolments/${enrolmentId}`);
    await page.getByTestId('enrolment-status').waitFor();
    const menu = page.getByRole('button', { name: 'Menu openen' });
    await expect(menu.isVisible()).resolves.toBe(true);
    // Evaluated in the page (a string: the test's own type check has no DOM).
    const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shoot(page, 'enrolment-390px');

    // Language and sign-out sit in the menu at this width; everything visible fits the screen.
    await menu.click();
    const signOut = page.getByRole('button', { name: 'Afmelden' });
    // The menu slides in: wait until its sign-out button has arrived wholly on screen.
    let box = await signOut.boundingBox();
    for (const deadline = Date.now() + 5_000; Date.now() < deadline && !(box && box.x >= 0);) {
      await page.waitForTimeout(100);
      box = await signOut.boundingBox();
    }
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await expect(signOut.isVisible()).resolves.toBe(true);
    await page.getByRole('navigation').getByText('English').click();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await page.getByRole('link', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'Search', level: 1 }).waitFor();
    await context.close();
  });
});
