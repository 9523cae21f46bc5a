/** The claims of a verified token: deep-frozen, safe to share between requests. */
export type TokenClaims = Readonly<Record<string, unknown>>;

/** Who is calling, as established by TenantGuard from a verified bearer token. */
export interface VerifiedTenant {
  /** From the configured tenant claim, validated against the tenant id pattern. */
  readonly tenantId: string;
  /** The `sub` claim when it is a string, else null. */
  readonly subject: string | null;
  readonly claims: TokenClaims;
  /**
   * Only on a cross-tenant request: the token's own tenant. `tenantId` is then the target
   * tenant the request acts on (and whose policy, limits and data apply).
   */
  readonly homeTenantId?: string;
}
