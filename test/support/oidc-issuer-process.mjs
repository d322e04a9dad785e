/**
 * A real OpenID Connect issuer for the console's browser tests: `oidc-provider` (a certified
 * implementation) in a process of its own (it is an ES module; jest runs CommonJS). Its
 * development login and consent pages stand in for an organisation's sign-in page: any login
 * name and password sign in as that name.
 *
 * Handshake over stdio, because the issuer must exist before the ledger that trusts it and the
 * console's redirect URI is known only once the ledger listens:
 *   stdout: {"issuer": "http://127.0.0.1:<port>"}    (listening, not yet serving)
 *   stdin:  {"redirectUri": "...", "clientId": "...", "audience": "...", "users": {"<login>": {"name", "roles"}}}
 *   stdout: {"ready": true}
 * Access tokens are JWTs for the ledger's audience (resource indicators, the audience the default
 * resource) carrying the person's name and roles (`realm_access.roles`, as Keycloak puts them).
 */
import * as http from 'node:http';
import process from 'node:process';
import * as readline from 'node:readline';
import { URL } from 'node:url';
import Provider from 'oidc-provider';

let provider;
const server = http.createServer((request, response) => {
  if (!provider) return response.writeHead(503).end();
  provider.callback()(request, response);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;
process.stdout.write(`${JSON.stringify({ issuer })}\n`);

const lines = readline.createInterface({ input: process.stdin });
const settings = JSON.parse(await new Promise((resolve) => lines.once('line', resolve)));
const users = settings.users;
const audience = settings.audience;
const resourceServer = { scope: 'ledger', audience, accessTokenFormat: 'jwt', accessTokenTTL: 600 };

provider = new Provider(issuer, {
  clients: [
    {
      client_id: settings.clientId,
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      redirect_uris: [settings.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  pkce: { required: () => true },
  clientBasedCORS: (_ctx, origin) => origin === new URL(settings.redirectUri).origin,
  cookies: { keys: ['console-browser-test-only'] },
  claims: { openid: ['sub'], profile: ['name'] },
  findAccount: (_ctx, accountId) => ({
    accountId,
    claims: () => ({ sub: accountId, name: users[accountId]?.name ?? accountId }),
  }),
  extraTokenClaims: (_ctx, token) => ({
    name: users[token.accountId]?.name ?? token.accountId,
    realm_access: { roles: users[token.accountId]?.roles ?? [] },
  }),
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => audience,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource) => {
        if (resource !== audience) throw new Error(`unknown resource ${resource}`);
        return resourceServer;
      },
    },
  },
});
provider.proxy = false;
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
