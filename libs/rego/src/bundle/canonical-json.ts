/**
 * The canonical JSON form OPA hashes structured bundle files (`data.json`, `.manifest`)
 * over, so that a signature does not depend on whitespace or key order: object keys sorted
 * (by UTF-16 code units, which equals Go's byte order for the keys bundles hold), no
 * whitespace, and strings escaped as Go's encoding/json does (`<`, `>`, `&`, U+2028 and
 * U+2029 as \u escapes). Limit: numbers are printed as JavaScript prints them, so a
 * number written `1.0` in data.json hashes as `1`, where OPA keeps the literal text; the
 * files this library writes never contain such numbers.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`not a JSON number: ${value}`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return goEscape(JSON.stringify(value));
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${canonicalJson(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  throw new TypeError(`not a JSON value: ${typeof value}`);
}

function goEscape(json: string): string {
  return json.replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
