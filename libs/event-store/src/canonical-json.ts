/**
 * Canonical JSON, the one writer of it in the code base: object keys sorted, no whitespace, and a
 * refusal (instead of JSON.stringify's silent `null`) for values JSON cannot carry. The same
 * logical value always produces the same text, whichever order its keys were built in: the event
 * log stores it (the hash chain covers it), command hashes and read-model hashes are taken over it.
 */

/** Guards against self-referencing or absurdly deep payloads before they blow the stack. */
const MAX_DEPTH = 64;

export function canonicalJson(value: unknown): string {
  return encode(value, 0, '$');
}

function encode(value: unknown, depth: number, path: string): string {
  if (depth > MAX_DEPTH) throw new TypeError(`JSON value nested deeper than ${MAX_DEPTH} levels at ${path}`);
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`Non-finite number at ${path} cannot be stored as JSON`);
      return JSON.stringify(value);
    case 'object':
      return encodeObject(value as object, depth, path);
    default:
      throw new TypeError(`A ${typeof value} at ${path} cannot be stored as JSON`);
  }
}

function encodeObject(value: object, depth: number, path: string): string {
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return encode(withToJson.toJSON(), depth + 1, path);
  if (Array.isArray(value)) {
    return `[${value.map((item, index) => encode(item === undefined ? null : item, depth + 1, `${path}[${index}]`)).join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    // As JSON.stringify does: an undefined member is absent, not null.
    if (member === undefined) continue;
    members.push(`${JSON.stringify(key)}:${encode(member, depth + 1, `${path}.${key}`)}`);
  }
  return `{${members.join(',')}}`;
}
