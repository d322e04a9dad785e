/**
 * Starts test/support/oidc-issuer-process.mjs (oidc-provider, a real OpenID Connect issuer) in a child
 * process and speaks its stdio handshake: the issuer URL first, the client it serves once the
 * ledger (and so the console's redirect URI) exists.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';

export interface OidcIssuerSettings {
  redirectUri: string;
  clientId: string;
  audience: string;
  /** Login name -> the person's name and the roles the issuer grants (claim values). */
  users: Record<string, { name: string; roles: string[] }>;
}

export interface OidcIssuer {
  issuer: string;
  serve(settings: OidcIssuerSettings): Promise<void>;
  close(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 20_000;

export async function startOidcIssuer(): Promise<OidcIssuer> {
  const child = spawn(process.execPath, [path.join(__dirname, 'oidc-issuer-process.mjs')], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4_000)));
  const lines = readline.createInterface({ input: child.stdout });
  const pending: Array<(line: string) => void> = [];
  lines.on('line', (line) => pending.shift()?.(line));
  const nextMessage = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`OIDC issuer did not answer in time:\n${stderr}`)),
        STARTUP_TIMEOUT_MS,
      );
      child.once('exit', (code) => reject(new Error(`OIDC issuer exited (${code}):\n${stderr}`)));
      pending.push((line) => {
        clearTimeout(timer);
        resolve(JSON.parse(line) as Record<string, unknown>);
      });
    });
  const { issuer } = (await nextMessage()) as { issuer: string };
  return {
    issuer,
    async serve(settings) {
      const ready = nextMessage();
      child.stdin.write(`${JSON.stringify(settings)}\n`);
      if ((await ready)['ready'] !== true) throw new Error(`OIDC issuer not ready:\n${stderr}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
