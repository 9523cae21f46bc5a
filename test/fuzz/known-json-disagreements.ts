/**
 * Disagreements between the Wasm JSON parser and `JSON.parse` that the fuzzer found and that
 * are deliberate (both follow OPA and its Wasm ABI, not JavaScript). Each is pinned by a
 * minimal test in known-json-disagreements.spec.ts; the differential properties tolerate
 * exactly these classes, recognised by precise predicates, and fail on anything else.
 */
import type { JsonVerdict } from './json-oracle';

/** How the bytes reached the parser. */
export type JsonPath = 'opa_json_parse' | 'evaluate (fast path)' | 'evaluate (context path)';

export interface KnownDisagreement {
  /** Short name used in reports and in the it.failing test titles. */
  bug: string;
  /** A value bug: what the module returns for an accepted reference value. */
  transform?(value: unknown): unknown;
  /** An acceptance bug: true when `bytes` on `path` are wrongly accepted or rejected. */
  applies?(bytes: Uint8Array, reference: JsonVerdict, path: JsonPath): boolean;
}

const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Applies `change` to every string of a JSON value, keys included. */
function mapStrings(value: unknown, change: (text: string) => string): unknown {
  if (typeof value === 'string') return change(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, change));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [change(key), mapStrings(item, change)]),
    );
  }
  return value;
}

export const KNOWN_JSON_DISAGREEMENTS: KnownDisagreement[] = [
  {
    // "\ud800" is valid JSON (RFC 8259 §8.2 leaves its meaning open); JSON.parse keeps the
    // lone surrogate, the module (whose strings are UTF-8) turns it into U+FFFD. Tolerated
    // as exactly that substitution: any other difference in the same input still fails.
    bug: 'lone surrogate escape becomes U+FFFD',
    transform: (value) => mapStrings(value, (text) => text.replace(LONE_SURROGATES, '\uFFFD')),
  },
  {
    // Zero bytes are not JSON, but opa_eval treats an input of length 0 as "no input" and
    // evaluates (result set []), where the context path rejects it.
    bug: 'empty input is evaluated as undefined on the opa_eval path',
    applies: (bytes, _reference, path) => path === 'evaluate (fast path)' && bytes.length === 0,
  },
];

/** The acceptance bug `bytes` fall under on `path`, or null. */
export function knownAcceptanceBug(
  bytes: Uint8Array,
  reference: JsonVerdict,
  path: JsonPath,
): string | null {
  return (
    KNOWN_JSON_DISAGREEMENTS.find((known) => known.applies?.(bytes, reference, path))?.bug ?? null
  );
}

/** The reference value as the module returns it, given the known value bugs. */
export function valueWithKnownBugs(value: unknown): unknown {
  return KNOWN_JSON_DISAGREEMENTS.reduce(
    (current, known) => (known.transform ? known.transform(current) : current),
    value,
  );
}
