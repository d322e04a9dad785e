/**
 * Single sign-on in the console, in a real browser against a real OpenID Connect issuer
 * (oidc-provider in a child process, test/support/oidc-issuer-process.mjs): the console asks the ledger
 * how to sign in, sends the browser to the issuer (authorization code with PKCE), comes back to
 * `/`, redeems the code for an access token, and the ledger's GET /me knows the person by it.
 */
import * as fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { buildConsole, launchChromium, screenshotPaths } from '../support/browser';
import { startHarness, type Harness } from '../support/http-harness';
import { startOidcIssuer, type OidcIssuer } from '../support/oidc-issuer';

jest.setTimeout(120_000);

const CLIENT_ID = 'ledger-console';
const AUDIENCE = 'urn:ledger:admin-api';

describe('console single sign-on in the browser', () => {
  let consoleDir: string;
  let idp: OidcIssuer;
  let api: Harness;
  let browser: Browser;

  beforeAll(async () => {
    consoleDir = buildConsole();
    idp = await startOidcIssuer();
    api = await startHarness({
      env: {
        LEDGER_CONSOLE_DIR: consoleDir,
        LEDGER_OIDC_ISSUER: idp.issuer,
        LEDGER_OIDC_AUDIENCE: AUDIENCE,
        LEDGER_OIDC_ROLES_CLAIM: 'realm_access.roles',
        LEDGER_OIDC_ROLE_MAP: 'ledger-finance=finance,ledger-auditor=auditor',
        LEDGER_OIDC_CONSOLE_CLIENT_ID: CLIENT_ID,
        LEDGER_OIDC_CONSOLE_SCOPE: 'openid profile ledger',
      },
    });
    await idp.serve({
      redirectUri: `${api.baseUrl}/`,
      clientId: CLIENT_ID,
      audience: AUDIENCE,
      users: { sanne: { name: 'Sanne Single', roles: ['ledger-finance'] } },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await idp?.close();
    if (consoleDir) fs.rmSync(consoleDir, { recursive: true, force: true });
  });

  it('signs in through the issuer (code + PKCE); GET /me shows the person; the console shows only their areas', async () => {
    const options = await api.request('GET', '/sign-in-options', { role: null });
    expect(options.body).toEqual({
      apiKey: true,
      sso: { issuer: idp.issuer, clientId: CLIENT_ID, scope: 'openid profile ledger' },
    });
    // The console may talk to the issuer (discovery, token endpoint), and to nothing else.
    const page0 = await fetch(`${api.baseUrl}/`);
    expect(page0.headers.get('content-security-policy')).toContain(`connect-src 'self' ${idp.issuer}`);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${api.baseUrl}/`);
    await page.getByRole('button', { name: 'Aanmelden met single sign-on' }).click();

    // The issuer's own sign-in and consent pages.
    await page.waitForURL((url) => url.origin === idp.issuer);
    const authorize = requests.find((url) => url.startsWith(`${idp.issuer}/auth?`));
    expect(authorize).toBeDefined();
    const authorizeQuery = new URL(authorize!).searchParams;
    expect(authorizeQuery.get('response_type')).toBe('code');
    expect(authorizeQuery.get('code_challenge_method')).toBe('S256');
    expect(authorizeQuery.get('client_id')).toBe(CLIENT_ID);
    expect(authorizeQuery.get('redirect_uri')).toBe(`${api.baseUrl}/`);
    await page.locator('input[name="login"]').fill('sanne');
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    // Back in the console: the code redeemed, the person shown by the name the ledger knows.
    await page.waitForURL(`${api.baseUrl}/#/search`);
    const signedInAs = page.getByTestId('signed-in-as').filter({ visible: true });
    await expect(signedInAs.textContent()).resolves.toBe('Sanne Single · finance · via single sign-on');
    expect(requests.some((url) => url.startsWith(`${idp.issuer}/token`))).toBe(true);
    // The address bar no longer holds the code.
    expect(page.url()).toBe(`${api.baseUrl}/#/search`);

    // The bearer the console keeps is the issuer's access token, and the ledger knows its holder.
    const token = (await page.evaluate('sessionStorage.getItem("ledger-console-key")')) as string;
    expect(token).toMatch(/^eyJ/);
    const me = await fetch(`${api.baseUrl}/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({
      userId: expect.stringMatching(/^sso-[0-9a-f]{20}$/),
      displayName: 'Sanne Single',
      kind: 'person',
      roles: ['finance'],
      authMethod: 'oidc',
      may: { financeRead: true, commands: false, audit: false },
    });

    // Finance's areas only: no audit in the navigation.
    const navigation = page.getByRole('navigation', { name: 'Navigatie' });
    await expect(navigation.getByRole('link', { name: 'Financiën' }).count()).resolves.toBe(1);
    await expect(navigation.getByRole('link', { name: 'Audit' }).count()).resolves.toBe(0);
    for (const path of screenshotPaths('sso-signed-in')) await page.screenshot({ path, fullPage: true });

    // Signing out forgets the token: the sign-in page again, nothing kept in the tab.
    await page.getByRole('button', { name: 'Afmelden' }).filter({ visible: true }).click();
    await page.getByRole('button', { name: 'Aanmelden met single sign-on' }).waitFor();
    await expect(page.evaluate('sessionStorage.getItem("ledger-console-key")')).resolves.toBeNull();
    await context.close();
  });

  it('an access token the ledger no longer accepts sends the console back to sign-in', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(`${api.baseUrl}/`);
    // A token of this issuer's shape that does not verify (as after expiry): 401 on GET /me.
    await page.evaluate(
      'sessionStorage.setItem("ledger-console-key", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"); sessionStorage.setItem("ledger-console-sign-in", "oidc")',
    );
    await page.reload();
    await page.getByRole('button', { name: 'Aanmelden met single sign-on' }).waitFor();
    const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    for (const path of screenshotPaths('sign-in-sso-390px')) await page.screenshot({ path, fullPage: true });
    await context.close();
  });
});
