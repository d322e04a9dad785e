import { redactedUrl } from './redaction';

describe('access log URL redaction', () => {
  it('blanks credential-like query parameters and key- or token-shaped values, and nothing else', () => {
    expect(redactedUrl('/refunds?status=owed')).toBe('/refunds?status=owed');
    expect(redactedUrl('/refunds?status=owed&api_key=secret-0123456789')).toBe(
      '/refunds?status=owed&api_key=[redacted]',
    );
    expect(redactedUrl('/x?access_token=abc&apiKey=def&password=p')).toBe(
      '/x?access_token=[redacted]&apiKey=[redacted]&password=[redacted]',
    );
    expect(redactedUrl('/x?q=ledger_anna_0123456789abcdef_secret')).toBe('/x?q=[redacted]');
    expect(redactedUrl('/x?q=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig')).toBe('/x?q=[redacted]');
    expect(redactedUrl('/x?q=%E0%A4%A')).toBe('/x?q=%E0%A4%A');
  });
});
