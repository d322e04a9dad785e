import { randomBytes } from 'node:crypto';
import {
  PersonalDataDecryptionError,
  PiiEnvelope,
  isPiiEnvelope,
  openPersonalValue,
  sealPersonalValue,
} from './pii-envelope';

const key = randomBytes(32);
const context = { subjectId: 'learner-1', eventType: 'LearnerRegistered', fieldName: 'email' };

function flipFirstByte(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = (bytes[0] as number) ^ 0xff;
  return bytes.toString('base64');
}

describe('personal-data envelope', () => {
  it('round-trips any JSON value', () => {
    for (const value of [
      'anna@example.nl',
      'Zoë ’t Hooft',
      42,
      null,
      true,
      { street: 'Dorpsstraat 1', city: 'Utrecht' },
      ['a', 1],
    ]) {
      const envelope = sealPersonalValue(value, key, context);
      expect(openPersonalValue(envelope, key, context)).toEqual(value);
    }
  });

  it('names the subject in the clear and hides the value', () => {
    const envelope = sealPersonalValue('anna@example.nl', key, context);
    expect(envelope.subject).toBe('learner-1');
    expect(envelope.$pii).toBe(1);
    expect(JSON.stringify(envelope)).not.toContain('anna@example.nl');
  });

  it('uses a fresh IV every time, so equal values give different ciphertexts', () => {
    const a = sealPersonalValue('anna@example.nl', key, context);
    const b = sealPersonalValue('anna@example.nl', key, context);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
  });

  it.each([
    ['the ciphertext', (e: PiiEnvelope) => ({ ...e, ct: flipFirstByte(e.ct) })],
    ['the tag', (e: PiiEnvelope) => ({ ...e, tag: flipFirstByte(e.tag) })],
    ['the subject', (e: PiiEnvelope) => ({ ...e, subject: 'learner-2' })],
  ])('fails with a clear error when %s was altered', (_what, tamper) => {
    const envelope = tamper(sealPersonalValue('anna@example.nl', key, context));
    expect(() => openPersonalValue(envelope, key, context)).toThrow(PersonalDataDecryptionError);
    expect(() => openPersonalValue(envelope, key, context)).toThrow(/email.*LearnerRegistered.*authentication failed/);
  });

  it('does not open under another field name, event type or key', () => {
    const envelope = sealPersonalValue('anna@example.nl', key, context);
    expect(() => openPersonalValue(envelope, key, { ...context, fieldName: 'name' })).toThrow(
      PersonalDataDecryptionError,
    );
    expect(() => openPersonalValue(envelope, key, { ...context, eventType: 'LearnerRenamed' })).toThrow(
      PersonalDataDecryptionError,
    );
    expect(() => openPersonalValue(envelope, randomBytes(32), context)).toThrow(PersonalDataDecryptionError);
  });

  it('rejects a malformed IV before trying to decrypt', () => {
    const envelope = { ...sealPersonalValue('x', key, context), iv: Buffer.alloc(4).toString('base64') };
    expect(() => openPersonalValue(envelope, key, context)).toThrow(/malformed IV or tag/);
  });

  it('recognises only the exact envelope shape', () => {
    const envelope = sealPersonalValue('x', key, context);
    expect(isPiiEnvelope(envelope)).toBe(true);
    expect(isPiiEnvelope({ ...envelope, extra: 1 })).toBe(false);
    expect(isPiiEnvelope({ ...envelope, $pii: 2 })).toBe(false);
    expect(isPiiEnvelope({ $pii: 1 })).toBe(false);
    expect(isPiiEnvelope('x')).toBe(false);
    expect(isPiiEnvelope(null)).toBe(false);
  });

  it('refuses a key of the wrong size', () => {
    expect(() => sealPersonalValue('x', randomBytes(16), context)).toThrow(/32 bytes/);
  });
});
