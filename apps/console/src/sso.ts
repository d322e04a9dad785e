/**
 * Single sign-on in the browser (docs/decisions.md, console SSO): OpenID Connect authorization
 * code with PKCE against the issuer the ledger names in GET /sign-in-options, with oidc-client-ts.
 * The console is a public client (no secret); the redirect comes back to the console's own page
 * (`/`), where the code is redeemed and the access token becomes the tab's bearer credential.
 * Pending state and the signed-in user are kept in sessionStorage only, like an API key.
 */
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';

export interface SsoOptions {
  issuer: string;
  clientId: string;
  scope: string;
}

export interface SignInOptions {
  apiKey: boolean;
  sso: SsoOptions | null;
}

function userManager(options: SsoOptions): UserManager {
  const store = new WebStorageStateStore({ store: window.sessionStorage });
  return new UserManager({
    authority: options.issuer,
    client_id: options.clientId,
    redirect_uri: `${window.location.origin}/`,
    scope: options.scope,
    response_type: 'code',
    userStore: store,
    stateStore: store,
    // The ledger reads the person from the access token itself; no userinfo call, no hidden renewals.
    loadUserInfo: false,
    automaticSilentRenew: false,
    monitorSession: false,
  });
}

/** Leaves for the issuer's sign-in page; the browser comes back to `/?code=...&state=...`. */
export function startSso(options: SsoOptions): Promise<void> {
  return userManager(options).signinRedirect();
}

/** True on the page the issuer redirected back to (a code, or an error, with the state). */
export function isSsoCallback(): boolean {
  const query = new URLSearchParams(window.location.search);
  return query.has('state') && (query.has('code') || query.has('error'));
}

/**
 * Redeems the code (the PKCE verifier kept at the start proves this tab asked for it) and answers
 * the access token, then takes code and state out of the address bar.
 */
export async function completeSso(options: SsoOptions): Promise<string> {
  try {
    const user = await userManager(options).signinRedirectCallback();
    if (!user.access_token) throw new Error('The issuer answered no access token');
    return user.access_token;
  } finally {
    window.history.replaceState(null, '', '/#/search');
  }
}

/** Forgets the signed-in user kept by the library (the issuer's own session is the issuer's). */
export async function forgetSsoUser(options: SsoOptions): Promise<void> {
  await userManager(options).removeUser();
}
