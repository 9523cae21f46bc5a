/**
 * The runtime's `rt_host_arg` hands host built-ins each integer a double cannot hold as
 * `{"__coresdk_bigint__": "<digits>"}` (JSON.parse would round it). This decodes the tag:
 * to a `bigint` for built-ins that accept them, else to the JS number JSON.parse would
 * have given, so that every other built-in sees exactly what it saw before.
 */
export const BIGINT_TAG = '__coresdk_bigint__';

const INTEGER_TEXT = /^-?[0-9]+$/;

/** Decodes every tag inside `value`; returns `value` itself (no copy) when there is none. */
export function decodeBigIntegers(value: unknown, asBigInt: boolean): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      const decoded = decodeBigIntegers(item, asBigInt);
      if (decoded !== item) {
        copy ??= value.slice();
        copy[index] = decoded;
      }
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  const digits = taggedDigits(record);
  if (digits !== undefined) return asBigInt ? BigInt(digits) : Number(digits);
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const decoded = decodeBigIntegers(item, asBigInt);
    if (decoded !== item) {
      copy ??= { ...record };
      copy[key] = decoded;
    }
  }
  return copy ?? value;
}

/** The digits of a tag object: exactly one key, the tag, holding integer text. */
function taggedDigits(record: Record<string, unknown>): string | undefined {
  const digits = record[BIGINT_TAG];
  if (typeof digits !== 'string' || !INTEGER_TEXT.test(digits)) return undefined;
  for (const key in record) if (key !== BIGINT_TAG) return undefined;
  return digits;
}
