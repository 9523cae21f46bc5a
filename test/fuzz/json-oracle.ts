/**
 * The reference for the Wasm JSON parser is JavaScript's own: bytes are JSON exactly when
 * they are well-formed UTF-8 (RFC 8259 §8.1; a byte-order mark is not skipped) and
 * `JSON.parse` accepts the text. Accepted input must come back as an equal value.
 */

export type JsonVerdict = { valid: true; value: unknown } | { valid: false };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function referenceVerdict(bytes: Uint8Array): JsonVerdict {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { valid: false };
  }
  try {
    return { valid: true, value: JSON.parse(text) };
  } catch {
    return { valid: false };
  }
}

/**
 * Equality of JSON values: numbers by value (`-0 == 0`, as JSON has one zero), objects by
 * their key/value pairs in any order, arrays element by element.
 */
export function jsonEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) {
    return false;
  }
  if (Array.isArray(left) || Array.isArray(right)) {
    return (
      Array.isArray(left) &&
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((item, index) => jsonEqual(item, right[index]))
    );
  }
  const leftKeys = Object.keys(left);
  const rightRecord = right as Record<string, unknown>;
  return (
    leftKeys.length === Object.keys(right).length &&
    leftKeys.every(
      (key) =>
        Object.hasOwn(rightRecord, key) &&
        jsonEqual((left as Record<string, unknown>)[key], rightRecord[key]),
    )
  );
}

/** Bytes as text for a failure report: JSON-escaped when UTF-8, else hex. */
export function describeBytes(bytes: Uint8Array): string {
  try {
    return `${JSON.stringify(strictUtf8.decode(bytes))} (hex ${Buffer.from(bytes).toString('hex')})`;
  } catch {
    return `hex ${Buffer.from(bytes).toString('hex')}`;
  }
}
