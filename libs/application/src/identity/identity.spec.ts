import { ConfigError, loadConfig, parseApiKeys } from '../config';
import { generateApiKey, parseApiKey, verifyApiKeySecret } from './api-keys';
import { fourEyesGate, ApprovalRequiredError } from './four-eyes';
import { internalActor } from './actors';

describe('personal API keys', () => {
  it('are shaped ledger_<userId>_<keyId>_<secret>; only the right secret verifies against the scrypt hash', async () => {
    const { apiKey, record } = await generateApiKey('anna.de-vries');
    const parsed = parseApiKey(apiKey)!;
    expect(parsed).toMatchObject({ userId: 'anna.de-vries', keyId: record.keyId });
    expect(JSON.stringify(record)).not.toContain(parsed.secret);
    expect(await verifyApiKeySecret(parsed.secret, record)).toBe(true);
    const wrong = `${parsed.secret.slice(0, -1)}${parsed.secret.endsWith('A') ? 'B' : 'A'}`;
    expect(await verifyApiKeySecret(wrong, record)).toBe(false);
    // Salted: the same secret under another key record hashes differently.
    const other = await generateApiKey('anna.de-vries');
    expect(other.record.keyHash).not.toBe(record.keyHash);
  });

  it('anything not shaped like a personal key is not parsed as one', () => {
    for (const text of ['test-admin-key-0123456789abcdef', 'ledger_', 'ledger_Anna_0000000000000000_x', 'eyJ.a.b'])
      expect(parseApiKey(text)).toBeUndefined();
  });
});

describe('LEDGER_API_KEYS as service accounts', () => {
  it('name=role:key names the account; role:key is <role>-key; a name used twice is refused', () => {
    const entries = parseApiKeys('crm=backoffice:a-key-of-sixteen-chars,finance:another-key-of-16-chars');
    expect(entries.map((e) => [e.name, e.role])).toEqual([
      ['crm', 'backoffice'],
      ['finance-key', 'finance'],
    ]);
    expect(() => parseApiKeys('admin:a-key-of-sixteen-chars,admin:b-key-of-sixteen-chars')).toThrow(ConfigError);
    expect(() => parseApiKeys('Bad Name=admin:a-key-of-sixteen-chars')).toThrow(/account name/);
  });

  it('single sign-on needs an audience with its issuer, and a role map of staff roles', () => {
    const base = { NODE_ENV: 'test', LEDGER_API_KEYS: 'admin:a-key-of-sixteen-chars' };
    expect(() => loadConfig({ ...base, LEDGER_OIDC_ISSUER: 'https://idp.example.nl/realms/x' })).toThrow(
      /LEDGER_OIDC_AUDIENCE/,
    );
    const config = loadConfig({
      ...base,
      LEDGER_OIDC_ISSUER: 'https://idp.example.nl/realms/x',
      LEDGER_OIDC_AUDIENCE: 'ledger-api',
      LEDGER_OIDC_ROLE_MAP: 'ledger-finance=finance',
    });
    expect(config.oidc).toMatchObject({ audience: 'ledger-api', roleMap: { 'ledger-finance': 'finance' } });
    expect(() =>
      loadConfig({
        ...base,
        LEDGER_OIDC_ISSUER: 'https://i',
        LEDGER_OIDC_AUDIENCE: 'a',
        LEDGER_OIDC_ROLE_MAP: 'x=root',
      }),
    ).toThrow(/LEDGER_OIDC_ROLE_MAP/);
    expect(loadConfig(base).fourEyesCents).toBe(100_000);
  });

  it("the console's single sign-on: a public client id, scopes with openid (default openid profile)", () => {
    const base = {
      NODE_ENV: 'test',
      LEDGER_API_KEYS: 'admin:a-key-of-sixteen-chars',
      LEDGER_OIDC_ISSUER: 'https://idp.example.nl/realms/x',
      LEDGER_OIDC_AUDIENCE: 'ledger-api',
    };
    expect(loadConfig(base).oidc?.console).toBeUndefined();
    expect(loadConfig({ ...base, LEDGER_OIDC_CONSOLE_CLIENT_ID: 'ledger-console' }).oidc?.console).toEqual({
      clientId: 'ledger-console',
      scope: 'openid profile',
    });
    expect(
      loadConfig({
        ...base,
        LEDGER_OIDC_CONSOLE_CLIENT_ID: 'ledger-console',
        LEDGER_OIDC_CONSOLE_SCOPE: 'openid api://ledger/use',
      }).oidc?.console?.scope,
    ).toBe('openid api://ledger/use');
    expect(() => loadConfig({ ...base, LEDGER_OIDC_CONSOLE_CLIENT_ID: 'two words' })).toThrow(
      /LEDGER_OIDC_CONSOLE_CLIENT_ID/,
    );
    expect(() =>
      loadConfig({ ...base, LEDGER_OIDC_CONSOLE_CLIENT_ID: 'c', LEDGER_OIDC_CONSOLE_SCOPE: 'profile email' }),
    ).toThrow(/LEDGER_OIDC_CONSOLE_SCOPE/);
  });
});

describe('four-eyes gate', () => {
  const gate = fourEyesGate(100_000);
  const envelope = (origin: 'api' | 'scheduler') => ({
    commandId: 'c',
    commandName: 'PayRefund',
    body: {},
    actor: { ...internalActor('x', origin), authMethod: 'api-key' as const },
    occurredAt: '2026-03-01T10:00:00+01:00',
  });
  const paid = (amountCents: number) => ({ type: 'RefundPaid', data: { amountCents } });
  const credit = (totalCents: number) => ({ type: 'CreditNoteIssued', data: { totalCents } });

  it('holds money out above the threshold in total, from the API only, unless approved', () => {
    expect(() => gate([paid(100_000)], envelope('api'))).not.toThrow();
    expect(() => gate([paid(60_000), credit(40_001)], envelope('api'))).toThrow(ApprovalRequiredError);
    expect(() => gate([paid(100_001)], envelope('scheduler'))).not.toThrow();
    const approved = {
      ...envelope('api'),
      approval: { approvalId: 'a', approvedBy: internalActor('y', 'api') },
    };
    expect(() => gate([paid(100_001)], approved)).not.toThrow();
    expect(() => gate([{ type: 'PaymentReceived', data: { amountCents: 10_000_000 } }], envelope('api'))).not.toThrow();
  });
});
