import { BadRequestException } from '@nestjs/common';
import { findKeyProblem, parseJsonBody } from './json-body';

function refusal(text: string): { error: string; fields: Array<{ field: string; messages: string[] }> } {
  try {
    parseJsonBody(text);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse() as never;
  }
  throw new Error(`accepted ${text}`);
}

describe('parseJsonBody', () => {
  it('parses ordinary JSON, structural characters inside strings included', () => {
    expect(parseJsonBody('{"a":"{\\"a\\":1,[","b":[{"a":1},{"a":2}],"c":{"a":{"a":null}}}')).toEqual({
      a: '{"a":1,[',
      b: [{ a: 1 }, { a: 2 }],
      c: { a: { a: null } },
    });
    expect(parseJsonBody('[1,"x",{"k":"\\\\"}]')).toEqual([1, 'x', { k: '\\' }]);
  });

  it('refuses a key given twice, naming it and its path (JSON.parse keeps the last one)', () => {
    expect(JSON.parse('{"invoiceId":"a","invoiceId":"b"}')).toEqual({ invoiceId: 'b' });
    expect(refusal('{"invoiceId":"a","invoiceId":"b"}')).toMatchObject({
      error: 'VALIDATION_FAILED',
      fields: [{ field: 'invoiceId', messages: ['property invoiceId is given more than once'] }],
    });
    expect(refusal('{"lines":[{"x":1},{"x":2,"y":3,"x":4}]}').fields[0]!.field).toBe('lines.1.x');
    // The same key written with an escape is the same key.
    expect(refusal('{"id":1,"\\u0069d":2}').fields[0]!.field).toBe('id');
  });

  it('accepts the same key in different objects', () => {
    expect(parseJsonBody('{"a":{"id":1},"b":{"id":2},"id":3}')).toEqual({ a: { id: 1 }, b: { id: 2 }, id: 3 });
  });

  it.each([
    ['{"prototype":{"x":1}}', 'prototype'],
    ['{"a":{"constructor":{"prototype":{}}}}', 'a.constructor'],
    ['{"__proto__":{"admin":true}}', '__proto__'],
    ['{"a":[{"\\u005f_proto__":1}]}', 'a.0.__proto__'],
  ])('refuses %s naming %s', (text, field) => {
    const body = refusal(text);
    expect(body.error).toBe('VALIDATION_FAILED');
    expect(body.fields).toEqual([{ field, messages: [`property ${field} is not allowed`] }]);
  });

  it('names the body when it is not JSON or is empty', () => {
    expect(refusal('{"a":')).toMatchObject({ error: 'MALFORMED_JSON', fields: [{ field: 'body' }] });
    expect(refusal('  ')).toMatchObject({ error: 'MALFORMED_JSON', fields: [{ field: 'body' }] });
  });

  it('walks deep nesting without recursion', () => {
    const depth = 50_000;
    expect(findKeyProblem(`${'['.repeat(depth)}${']'.repeat(depth)}`)).toBeUndefined();
    expect(findKeyProblem(`${'{"a":'.repeat(depth)}{"b":1,"b":2}${'}'.repeat(depth)}`)?.message).toContain(
      'given more than once',
    );
  });
});
