/**
 * Canonical JSON, the one writer of it in the code base: object keys sorted, no whitespace, and a
 * refusal (instead of JSON.stringify's silent `null`) for values JSON cannot carry. The same
 * logical value always produces the same text, whichever order its keys were built in: the event
 * log stores it (the hash chain covers it), command hashes and read-model hashes are taken over it.
 *
 * Every command and every event goes through here, so the encoder appends to one string and keeps
 * the path to the current value as a stack of keys: the path's text is only built for an error.
 */

/** Guards against self-referencing or absurdly deep payloads before they blow the stack. */
const MAX_DEPTH = 64;
/** A key JSON writes as it is, between quotes (what JSON.stringify would give, without the call). */
const PLAIN_KEY = /^[\w$-]*$/;
/** A string JSON.stringify would not escape: no quote, backslash, control character or surrogate. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const PLAIN_STRING = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

export function canonicalJson(value: unknown): string {
  return new CanonicalEncoder().encode(value);
}

class CanonicalEncoder {
  private out = '';
  /** Keys and indexes from the root to the value being encoded. */
  private readonly path: (string | number)[] = [];

  encode(value: unknown): string {
    this.value(value);
    return this.out;
  }

  private value(value: unknown): void {
    if (this.path.length > MAX_DEPTH)
      throw new TypeError(`JSON value nested deeper than ${MAX_DEPTH} levels at ${this.pathText()}`);
    if (value === null) {
      this.out += 'null';
      return;
    }
    switch (typeof value) {
      case 'string':
        this.out += PLAIN_STRING.test(value) ? `"${value}"` : JSON.stringify(value);
        return;
      case 'boolean':
        this.out += value ? 'true' : 'false';
        return;
      case 'number':
        if (!Number.isFinite(value))
          throw new TypeError(`Non-finite number at ${this.pathText()} cannot be stored as JSON`);
        this.out += JSON.stringify(value);
        return;
      case 'object':
        this.object(value as object);
        return;
      default:
        throw new TypeError(`A ${typeof value} at ${this.pathText()} cannot be stored as JSON`);
    }
  }

  private object(value: object): void {
    const withToJson = value as { toJSON?: () => unknown };
    if (typeof withToJson.toJSON === 'function') {
      // One level deeper under the same path, as a cycle through toJSON must still end.
      this.path.push('');
      this.value(withToJson.toJSON());
      this.path.pop();
      return;
    }
    if (Array.isArray(value)) {
      this.out += '[';
      for (let index = 0; index < value.length; index++) {
        if (index > 0) this.out += ',';
        const item: unknown = value[index];
        this.path.push(index);
        this.value(item === undefined ? null : item);
        this.path.pop();
      }
      this.out += ']';
      return;
    }
    const record = value as Record<string, unknown>;
    this.out += '{';
    let first = true;
    for (const key of Object.keys(record).sort()) {
      const member = record[key];
      // As JSON.stringify does: an undefined member is absent, not null.
      if (member === undefined) continue;
      const quoted = PLAIN_KEY.test(key) ? `"${key}":` : `${JSON.stringify(key)}:`;
      this.out += first ? quoted : `,${quoted}`;
      first = false;
      this.path.push(key);
      this.value(member);
      this.path.pop();
    }
    this.out += '}';
  }

  /** `$.lines[1].feeCents`: where the encoder is (toJSON levels add nothing). */
  private pathText(): string {
    let text = '$';
    for (const step of this.path) {
      if (typeof step === 'number') text += `[${step}]`;
      else if (step !== '') text += `.${step}`;
    }
    return text;
  }
}
