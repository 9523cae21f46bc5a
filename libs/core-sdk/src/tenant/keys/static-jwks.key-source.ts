import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  errors,
  type JSONWebKeySet,
  type JWK,
  type JWSHeaderParameters,
} from 'jose';
import { KeySourceSetupError } from '../../errors/key-source-setup.error';
import {
  KeyNotFoundError,
  type JwtKeySource,
  type VerificationKey,
} from './jwt-key-source.interface';

/**
 * Keeps only keys that can verify an asymmetric signature: a symmetric (`oct`) entry or a
 * private key in a published set must never become a verification key. Null when the
 * value is not a JWKS at all.
 */
export function publicSigningKeys(value: unknown): JSONWebKeySet | null {
  if (typeof value !== 'object' || value === null) {
    return null;
  }
  const keys: unknown = (value as { keys?: unknown }).keys;
  if (!Array.isArray(keys)) {
    return null;
  }
  return {
    keys: keys.filter(
      (key: unknown): key is JWK =>
        typeof key === 'object' &&
        key !== null &&
        typeof (key as JWK).kty === 'string' &&
        (key as JWK).kty !== 'oct' &&
        (key as JWK).d === undefined &&
        ((key as JWK).use === undefined || (key as JWK).use === 'sig'),
    ),
  };
}

/** A fixed key set, searched by `kid` and `alg` with jose's local JWKS matching. */
export class StaticJwksKeySource implements JwtKeySource {
  private readonly select: ReturnType<typeof createLocalJWKSet>;
  /** The kids this set holds, for rotation checks. */
  readonly kids: ReadonlySet<string>;

  constructor(keySet: JSONWebKeySet) {
    this.select = createLocalJWKSet(keySet);
    this.kids = new Set(
      keySet.keys.flatMap((key) => (typeof key.kid === 'string' ? [key.kid] : [])),
    );
  }

  /** Reads and validates a JWKS file once, at startup. */
  static fromFile(path: string): StaticJwksKeySource {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw KeySourceSetupError.create(
        `auth.jwks_file "${path}" could not be read as JSON (${(error as Error).message})`,
        'Point auth.jwks_file (CORESDK_AUTH_JWKS_FILE) at a readable JSON Web Key Set file',
      );
    }
    const keySet = publicSigningKeys(parsed);
    if (keySet === null || keySet.keys.length === 0) {
      throw KeySourceSetupError.create(
        `auth.jwks_file "${path}" holds no public signing key`,
        'The file must be a JWKS such as {"keys":[{"kty":"RSA","kid":"k1","n":"...","e":"AQAB"}]}',
      );
    }
    return new StaticJwksKeySource(keySet);
  }

  async resolveKey(header: JWSHeaderParameters): Promise<VerificationKey> {
    try {
      // Only kid and alg are passed on: a header carrying jku/x5u/jwk gains nothing.
      return await this.select({ alg: header.alg, kid: header.kid });
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey) {
        throw new KeyNotFoundError('unknown-kid');
      }
      if (error instanceof errors.JWKSMultipleMatchingKeys) {
        throw new KeyNotFoundError('ambiguous-key');
      }
      if (error instanceof errors.JOSEError || error instanceof TypeError) {
        // Unsupported alg for a JWKS, or a key that cannot be imported for this alg.
        throw new KeyNotFoundError('unsupported-alg');
      }
      throw error;
    }
  }

  /** A file's keys never change while the process runs. */
  isKeyCurrent(): boolean {
    return true;
  }
}
