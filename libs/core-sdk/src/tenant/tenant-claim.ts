/**
 * Hard cap whatever the configured pattern allows: a tenant id ends up in log lines,
 * metric labels and storage keys.
 */
const MAX_TENANT_ID_LENGTH = 128;

/** Returns the tenant id in a verified claim value, or null when it is not acceptable. */
export type TenantIdParser = (claimValue: unknown) => string | null;

/**
 * Accepts only a non-empty string that `pattern` matches in full. The pattern is applied
 * as if anchored, so one written without `^…$` still cannot let `../global` through.
 */
export function createTenantIdParser(pattern: RegExp): TenantIdParser {
  // A non-global copy: a `g`/`y` flag would make `exec` stateful across requests.
  const matcher = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  return (claimValue) => {
    if (
      typeof claimValue !== 'string' ||
      claimValue.length === 0 ||
      claimValue.length > MAX_TENANT_ID_LENGTH
    ) {
      return null;
    }
    const match = matcher.exec(claimValue);
    return match !== null && match.index === 0 && match[0] === claimValue ? claimValue : null;
  };
}
