import type { CryptoKey, JWK, JWSHeaderParameters, KeyObject } from 'jose';

/** What jose accepts as a verification key. */
export type VerificationKey = CryptoKey | KeyObject | JWK | Uint8Array;

/**
 * Where asymmetric verification keys come from (JWKS URL, JWKS file, PEM file). A source
 * only ever looks at `kid` and `alg` of a token's header: `jku`, `x5u`, `x5c` and an
 * embedded `jwk` are never used to find a key.
 */
export interface JwtKeySource {
  /** Key for this header, or throws `KeyNotFoundError`. */
  resolveKey(header: JWSHeaderParameters): Promise<VerificationKey>;
  /**
   * Whether a token verified earlier with key `kid` may still be trusted from cache: false
   * once the key set no longer contains that kid (rotation), and for tokens without a kid
   * when the key set can change.
   */
  isKeyCurrent(kid: string | undefined): boolean;
}

/** Why no key was found; `unknown-kid` is the one a JWKS refetch can cure. */
export type KeyNotFoundReason = 'unknown-kid' | 'ambiguous-key' | 'unsupported-alg' | 'unavailable';

/** No key matches the token: an authentication failure (401), never a server error. */
export class KeyNotFoundError extends Error {
  override readonly name = 'KeyNotFoundError';

  constructor(readonly reason: KeyNotFoundReason) {
    super(`no verification key (${reason})`);
  }
}
