/** The claims of a verified token: deep-frozen, safe to share between requests. */
export type TokenClaims = Readonly<Record<string, unknown>>;

/** Who is calling, as established by TenantGuard from a verified bearer token. */
export interface VerifiedTenant {
  /** From the configured tenant claim, validated against the tenant id pattern. */
  readonly tenantId: string;
  /** The `sub` claim when it is a string, else null. */
  readonly subject: string | null;
  readonly claims: TokenClaims;
}
