/**
 * The one JSON body parser of the API. secure-json-parse (what Fastify itself uses) parses; then a
 * scan of the text refuses what JSON.parse silently accepts:
 * - a key given twice in one object (JSON.parse keeps the last: `{"invoiceId":"a","invoiceId":"b"}`
 *   would act on b while a log or a proxy that keeps the first saw a);
 * - keys named `__proto__`, `constructor` or `prototype` at any depth (prototype pollution gadgets).
 * Both answer 400 naming the key and its path.
 */
import { BadRequestException } from '@nestjs/common';
import secureJson from 'secure-json-parse';

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface KeyProblem {
  /** Path of the offending key, e.g. `components.0.constructor`. */
  field: string;
  message: string;
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw malformed('it is empty (send a JSON object, or no content-type)');
  let value: unknown;
  try {
    value = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    // secure-json-parse refuses __proto__ and constructor.prototype without saying where: name it.
    const problem = /forbidden prototype property/.test(String(error)) ? findKeyProblem(text) : undefined;
    if (problem) throw keyRefused(problem);
    throw malformed(error instanceof Error ? error.message : String(error));
  }
  const problem = findKeyProblem(text);
  if (problem) throw keyRefused(problem);
  return value;
}

interface Frame {
  /** Keys seen in this object; undefined for an array. */
  keys: Set<string> | undefined;
  /** Object: the key whose value is being read. Array: the index of the element. */
  member: string | number;
  expectingKey: boolean;
}

/**
 * Walks JSON text that JSON.parse accepted: strings are skipped as a whole, so structural
 * characters inside them are never mistaken for structure. Iterative, so depth costs no stack.
 */
export function findKeyProblem(text: string): KeyProblem | undefined {
  const stack: Frame[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 0x22 /* " */) {
      const end = stringEnd(text, index);
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectingKey) {
        const raw = text.slice(index + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(index, end + 1)) as string) : raw;
        if (FORBIDDEN_KEYS.has(key))
          return { field: pathOf(stack, key), message: `property ${pathOf(stack, key)} is not allowed` };
        if (top.keys.has(key))
          return {
            field: pathOf(stack, key),
            message: `property ${pathOf(stack, key)} is given more than once`,
          };
        top.keys.add(key);
        top.member = key;
        top.expectingKey = false;
      }
      index = end;
    } else if (char === 0x7b /* { */) {
      stack.push({ keys: new Set(), member: '', expectingKey: true });
    } else if (char === 0x5b /* [ */) {
      stack.push({ keys: undefined, member: 0, expectingKey: false });
    } else if (char === 0x7d /* } */ || char === 0x5d /* ] */) {
      stack.pop();
    } else if (char === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectingKey = true;
      else if (top) top.member = (top.member as number) + 1;
    }
  }
  return undefined;
}

/** Index of the closing quote of the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let index = start + 1;
  for (;;) {
    const quote = text.indexOf('"', index);
    if (quote === -1) return text.length - 1;
    let backslashes = 0;
    for (let back = quote - 1; text.charCodeAt(back) === 0x5c /* \ */; back--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    index = quote + 1;
  }
}

function pathOf(stack: readonly Frame[], key: string): string {
  const members = stack.slice(0, -1).map((frame) => String(frame.member));
  return [...members, key].slice(0, 8).join('.');
}

function keyRefused(problem: KeyProblem): BadRequestException {
  return new BadRequestException({
    error: 'VALIDATION_FAILED',
    message: `${problem.field}: ${problem.message}`,
    fields: [{ field: problem.field, messages: [problem.message] }],
  });
}

function malformed(detail: string): BadRequestException {
  const message = `body is not valid JSON: ${detail}`;
  return new BadRequestException({
    error: 'MALFORMED_JSON',
    message: `body: ${message}`,
    fields: [{ field: 'body', messages: [message] }],
  });
}
