import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { errors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import type { AuthSection, CoreSdkConfig } from '../../config/core-sdk-config.interface';
import { CORE_SDK_CONFIG } from '../../core-sdk.constants';
import { AuthenticationFailedException } from '../../errors/authentication-failed.exception';
import { TenantForbiddenException } from '../../errors/tenant-forbidden.exception';
import { JwtKeyResolver } from '../keys/jwt-key-resolver';
import { TENANT_ADMISSION, type TenantAdmission } from '../tenant-admission.interface';
import { createTenantIdParser, type TenantIdParser } from '../tenant-claim';
import type { VerifiedTenant } from '../verified-tenant.interface';
import { deepFreeze } from './deep-freeze';
import { VerifiedTokenCache } from './verified-token.cache';

/** Longer tokens are refused before any parsing. */
const MAX_TOKEN_LENGTH = 16 * 1024;
/** Tokens up to this length are cached; bigger ones are rare and would bloat memory. */
const MAX_CACHED_TOKEN_LENGTH = 4 * 1024;
const MAX_CACHED_TOKENS = 10_000;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Turns a bearer token into a `VerifiedTenant` or an HTTP 401/403. Every failure,
 * including unexpected ones from key fetching or jose, is an authentication failure with
 * a fixed message: a bad token must never produce a 500 or leak why it was refused.
 */
@Injectable()
export class TokenVerifier {
  private readonly logger = new Logger('CoreSdk');
  private readonly auth: AuthSection;
  private readonly verifyOptions: JWTVerifyOptions;
  private readonly parseTenantId: TenantIdParser;
  private readonly declaredTenants: ReadonlySet<string>;
  private readonly cache: VerifiedTokenCache;

  constructor(
    @Inject(CORE_SDK_CONFIG) config: CoreSdkConfig,
    private readonly keys: JwtKeyResolver,
    @Optional()
    @Inject(TENANT_ADMISSION)
    private readonly admission?: TenantAdmission,
  ) {
    this.auth = config.auth;
    this.verifyOptions = {
      algorithms: [...keys.algorithms],
      requiredClaims: ['exp'],
      clockTolerance: this.auth.clockToleranceMs / 1000,
      ...(this.auth.issuer !== null && { issuer: this.auth.issuer }),
      ...(this.auth.audience !== null && { audience: this.auth.audience }),
      ...(this.auth.typ !== null && { typ: this.auth.typ }),
      // No extension is understood, so any `crit` entry beyond jose's own is rejected.
      crit: {},
    };
    this.parseTenantId = createTenantIdParser(this.auth.tenantIdPattern);
    this.declaredTenants = new Set(config.tenants.map((tenant) => tenant.id));
    this.cache = new VerifiedTokenCache(MAX_CACHED_TOKENS, (alg, kid) =>
      keys.isKeyCurrent(alg, kid),
    );
  }

  async verify(token: string): Promise<VerifiedTenant> {
    if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) {
      throw AuthenticationFailedException.invalidToken();
    }
    const tenant = this.cache.get(token, Date.now()) ?? (await this.verifyUncached(token));
    return this.admitted(tenant);
  }

  /**
   * The tenant of a token verified before (and still valid and admitted), without awaiting
   * anything; undefined when the token has to go through `verify`. Lets TenantGuard answer
   * most requests synchronously, sparing Nest's guard pipeline its promise hops.
   */
  verifyCached(token: string): VerifiedTenant | undefined {
    // Only tokens that passed every check of `verify` are cached, so no syntax check here.
    const tenant = this.cache.get(token, Date.now());
    return tenant === undefined ? undefined : this.admitted(tenant);
  }

  /**
   * After the cache: a tenant disabled or deleted at runtime is refused at once, also for
   * tokens verified before.
   */
  private admitted(tenant: VerifiedTenant): VerifiedTenant {
    const admitted = this.admission
      ? this.admission.admits(tenant.tenantId)
      : this.declaredTenants.size === 0 || this.declaredTenants.has(tenant.tenantId);
    if (!admitted) throw new TenantForbiddenException();
    return tenant;
  }

  private async verifyUncached(token: string): Promise<VerifiedTenant> {
    let payload: JWTPayload;
    let alg: string;
    let kid: string | undefined;
    try {
      const result = await jwtVerify(token, this.keys.resolveKey, this.verifyOptions);
      ({ payload } = result);
      ({ alg, kid } = result.protectedHeader);
    } catch (error) {
      throw this.toAuthenticationFailure(error);
    }
    const nowSeconds = Date.now() / 1000;
    // jose checks `iat` only together with maxTokenAge; a token from the future is forged
    // or minted by a badly skewed clock either way.
    if (
      typeof payload.iat === 'number' &&
      payload.iat > nowSeconds + this.auth.clockToleranceMs / 1000
    ) {
      throw AuthenticationFailedException.invalidToken();
    }
    const tenantId = this.parseTenantId(payload[this.auth.tenantClaim]);
    if (tenantId === null) {
      throw AuthenticationFailedException.invalidToken('invalid tenant');
    }
    const tenant: VerifiedTenant = Object.freeze({
      tenantId,
      subject: typeof payload.sub === 'string' ? payload.sub : null,
      claims: deepFreeze(payload as Record<string, unknown>),
    });
    if (token.length <= MAX_CACHED_TOKEN_LENGTH) {
      // `exp` is present and numeric: requiredClaims plus jose's NumericDate check.
      this.cache.set(token, { tenant, expiresAtMs: (payload.exp as number) * 1000, alg, kid });
    }
    return tenant;
  }

  private toAuthenticationFailure(error: unknown): AuthenticationFailedException {
    if (error instanceof errors.JWTExpired) {
      return AuthenticationFailedException.invalidToken('token expired');
    }
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') {
      return AuthenticationFailedException.invalidToken('token not yet valid');
    }
    // The reason is worth a debug line for operators, never a word to the client.
    const reason =
      error instanceof errors.JWTClaimValidationFailed
        ? `${error.code} (${error.claim})`
        : error instanceof errors.JOSEError
          ? error.code
          : (error as Error)?.name;
    this.logger.debug(`token rejected: ${reason}`);
    return AuthenticationFailedException.invalidToken();
  }
}
