/**
 * Credentials are accepted only in the Authorization header, but a client may still put one in a
 * URL (`?api_key=...`): the access log blanks every query parameter whose name looks like a
 * credential, and any value shaped like one of the ledger's keys or a JWT, whatever its name.
 */
const CREDENTIAL_NAME = /key|token|secret|password|passwd|auth|credential|session|signature|sig$|jwt|bearer/i;
const CREDENTIAL_VALUE = /^(ledger_|dev-|approved-)|^eyJ[\w-]*\.[\w-]+\./;

export const REDACTED = '[redacted]';

export function redactedUrl(url: string): string {
  const question = url.indexOf('?');
  if (question < 0) return url;
  const query = url
    .slice(question + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      let value = equals < 0 ? '' : pair.slice(equals + 1);
      try {
        value = decodeURIComponent(value);
      } catch {
        /* kept as sent */
      }
      return CREDENTIAL_NAME.test(name) || CREDENTIAL_VALUE.test(value) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, question)}?${query}`;
}
