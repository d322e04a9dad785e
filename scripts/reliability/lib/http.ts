/**
 * A raw HTTP client for the campaigns (node:http, not fetch): it sends the path, headers and body
 * bytes exactly as given (fetch would normalise `..` in paths and refuse some headers), bounds
 * every request in time, and only ever talks to the loopback address of the target.
 */
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';

export type Role = 'backoffice' | 'finance' | 'auditor' | 'admin';
export const ROLES: readonly Role[] = ['backoffice', 'finance', 'auditor', 'admin'];

/** A running admin API: where it listens, where its embedded store lives, and its keys. */
export interface LedgerTarget {
  /** http://127.0.0.1:<port> (loopback only). */
  baseUrl: string;
  /** LEDGER_DATA_DIR of the server (events.sqlite is read directly for the log checks). */
  dataDir: string;
  keys: Readonly<Record<Role, string>>;
}

export interface RawRequest {
  method: string;
  /** Sent verbatim: may hold encoded or odd characters on purpose. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
  ms: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** Responses larger than this are cut off (the campaigns never need more). */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

const agents = new Map<string, http.Agent>();
function agentFor(baseUrl: string): http.Agent {
  let agent = agents.get(baseUrl);
  if (!agent) {
    agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    agents.set(baseUrl, agent);
  }
  return agent;
}

/** Closes idle keep-alive sockets (call when a target goes away, e.g. before killing a server). */
export function dropConnections(baseUrl?: string): void {
  for (const [url, agent] of agents) {
    if (baseUrl === undefined || url === baseUrl) {
      agent.destroy();
      agents.delete(url);
    }
  }
}

export function assertLoopback(baseUrl: string): URL {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`the reliability campaigns only talk to loopback, not ${baseUrl}`);
  }
  return url;
}

export function send(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const url = assertLoopback(baseUrl);
  const started = performance.now();
  const body =
    request.body === undefined
      ? undefined
      : Buffer.isBuffer(request.body)
        ? request.body
        : Buffer.from(request.body, 'utf8');
  const headers: Record<string, string | number> = { ...(request.headers ?? {}) };
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length'))
    headers['content-length'] = body.length;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: Number(url.port),
        method: request.method,
        path: request.path,
        headers,
        agent: agentFor(baseUrl),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
        });
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, ms: performance.now() - started });
        });
      },
    );
    req.setTimeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS, () =>
      req.destroy(
        new Error(
          `${request.method} ${request.path.slice(0, 120)}: no answer within ${request.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`,
        ),
      ),
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A JSON call as a client with a role would make it. */
export async function call(
  target: LedgerTarget,
  method: string,
  path: string,
  options: { role?: Role | null; body?: unknown; timeoutMs?: number } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  const role = options.role === undefined ? 'admin' : options.role;
  if (role) headers['authorization'] = `Bearer ${target.keys[role]}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  return send(target.baseUrl, {
    method,
    path,
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
}

/** Like call(), but a status other than the expected ones is an error naming the call. */
export async function expectCall(
  target: LedgerTarget,
  method: string,
  path: string,
  body: unknown,
  options: { role?: Role; expect?: number[] } = {},
): Promise<any> {
  const response = await call(target, method, path, { role: options.role ?? 'backoffice', body });
  const expected = options.expect ?? [200, 201];
  if (!expected.includes(response.status))
    throw new Error(
      `${method} ${path}: expected ${expected.join('/')}, got ${response.status} ${response.text.slice(0, 500)}`,
    );
  return response.json;
}
