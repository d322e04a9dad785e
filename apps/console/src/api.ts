/**
 * The console talks to the ledger's own HTTP API with the signed-in person's credential (a
 * personal API key, or the access token of a single sign-on) in the Authorization header, exactly
 * as any other client; what a role may see is the API's decision.
 */
const KEY_STORAGE = 'ledger-console-key';
const METHOD_STORAGE = 'ledger-console-sign-in';
/** Fired on window when the API no longer accepts the credential (expired token, revoked key). */
export const SIGNED_OUT_EVENT = 'ledger-console-signed-out';

export type SignInMethod = 'api-key' | 'oidc';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: {
      error?: string;
      message?: string;
      ruleId?: string;
      fields?: Array<{ field: string; messages: string[] }>;
    },
  ) {
    super(body.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

/** The credential lives for the browser tab only (sessionStorage), never in a cookie or on disk. */
export const session = {
  key: (): string | null => sessionStorage.getItem(KEY_STORAGE),
  method: (): SignInMethod | null => sessionStorage.getItem(METHOD_STORAGE) as SignInMethod | null,
  signIn: (credential: string, method: SignInMethod = 'api-key'): void => {
    sessionStorage.setItem(KEY_STORAGE, credential);
    sessionStorage.setItem(METHOD_STORAGE, method);
  },
  signOut: (): void => {
    sessionStorage.removeItem(KEY_STORAGE);
    sessionStorage.removeItem(METHOD_STORAGE);
  },
};

/** Who is signed in, as GET /me answers; `may` says which areas their roles reach. */
export interface Me {
  userId: string;
  displayName: string | null;
  kind: 'person' | 'service';
  roles: string[];
  authMethod: 'api-key' | 'configured-key' | 'oidc';
  may: Record<
    | 'commands'
    | 'customerNames'
    | 'learnerNames'
    | 'enrolments'
    | 'licences'
    | 'financeRead'
    | 'bankStatements'
    | 'audit',
    boolean
  >;
}

export async function api<T = unknown>(
  method: 'GET' | 'POST',
  route: string,
  body?: unknown,
  key = session.key(),
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (key) headers['authorization'] = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return answerOf<T>(
    await fetch(route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    key,
  );
}

/** POSTs an XML document as it is (a bank statement), with the signed-in key. */
export async function postXml<T = unknown>(route: string, xml: string, key = session.key()): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/xml' };
  if (key) headers['authorization'] = `Bearer ${key}`;
  return answerOf<T>(await fetch(route, { method: 'POST', headers, body: xml }), key);
}

async function answerOf<T>(response: Response, key: string | null): Promise<T> {
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = { message: text.slice(0, 200) };
  }
  // The session's credential refused (a token expired, a key revoked): back to the sign-in page.
  if (response.status === 401 && key !== null && key === session.key()) {
    session.signOut();
    window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  }
  if (!response.ok) throw new ApiError(response.status, (parsed ?? {}) as ApiError['body']);
  return parsed as T;
}

/**
 * A command id (UUID v4) from the browser's random source. crypto.randomUUID exists only on
 * secure origins; the ledger is often opened over plain HTTP on a LAN, where getRandomValues works.
 */
export function newCommandId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Path segment of an id typed by a person. */
export const seg = (id: string): string => encodeURIComponent(id.trim());
