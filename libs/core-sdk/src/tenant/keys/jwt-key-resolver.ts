import type { JWSHeaderParameters } from 'jose';
import type { AuthSection, JwtAlgorithm } from '../../config/core-sdk-config.interface';
import { KeySourceSetupError } from '../../errors/key-source-setup.error';
import {
  KeyNotFoundError,
  type JwtKeySource,
  type VerificationKey,
} from './jwt-key-source.interface';
import { PemPublicKeySource } from './pem-public-key.key-source';
import { RemoteJwksKeySource } from './remote-jwks.key-source';
import { StaticJwksKeySource } from './static-jwks.key-source';

/** RFC 7518 §3.2: an HMAC key at least as long as the hash output. */
const HMAC_MIN_SECRET_BYTES: Record<string, number> = { HS256: 32, HS384: 48, HS512: 64 };

const isHmac = (alg: string): boolean => alg.startsWith('HS');

/**
 * Picks the verification key for a token from its `alg`: HS* only ever get the configured
 * shared secret, every other algorithm only ever gets the asymmetric key source. Keeping
 * the two apart is what defeats "HS256 signed with the RSA public key as the secret".
 */
export class JwtKeyResolver {
  /** The allowlist actually enforced: configured algorithms this resolver has keys for. */
  readonly algorithms: readonly JwtAlgorithm[];

  constructor(
    configuredAlgorithms: readonly JwtAlgorithm[],
    private readonly asymmetricKeys: JwtKeySource | null,
    private readonly hmacSecret: Uint8Array | null,
  ) {
    this.algorithms = configuredAlgorithms.filter((alg) =>
      isHmac(alg) ? hmacSecret !== null : asymmetricKeys !== null,
    );
    if (this.algorithms.length === 0) {
      throw KeySourceSetupError.create(
        `none of auth.algorithms [${configuredAlgorithms.join(', ')}] has a key`,
        'Configure a key source matching the algorithms: auth.jwks_uri, auth.jwks_file or ' +
          'auth.public_key_file for RS*/PS*/ES*/EdDSA, auth.hmac_secret for HS*',
      );
    }
    for (const alg of this.algorithms) {
      const minimum = HMAC_MIN_SECRET_BYTES[alg];
      if (minimum !== undefined && hmacSecret !== null && hmacSecret.length < minimum) {
        throw KeySourceSetupError.create(
          `auth.hmac_secret is ${hmacSecret.length} bytes, too short for ${alg}`,
          `Use a random secret of at least ${minimum} bytes (e.g. \`openssl rand -base64 ${minimum}\`)`,
        );
      }
    }
  }

  /** Builds the key sources named in the configuration; reads key files now. */
  static fromConfig(auth: AuthSection): JwtKeyResolver {
    const sources = [auth.jwksUri, auth.jwksFile, auth.publicKeyFile].filter((s) => s !== null);
    if (sources.length > 1) {
      throw KeySourceSetupError.create(
        'more than one of auth.jwks_uri, auth.jwks_file, auth.public_key_file is set',
        'Keep exactly one asymmetric key source',
      );
    }
    return new JwtKeyResolver(
      auth.algorithms,
      JwtKeyResolver.asymmetricSource(auth),
      auth.hmacSecret === null ? null : new TextEncoder().encode(auth.hmacSecret),
    );
  }

  private static asymmetricSource(auth: AuthSection): JwtKeySource | null {
    if (auth.jwksUri !== null) {
      let url: URL;
      try {
        url = new URL(auth.jwksUri);
      } catch {
        url = new URL('invalid:');
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw KeySourceSetupError.create(
          `auth.jwks_uri "${auth.jwksUri}" is not an http(s) URL`,
          'Set auth.jwks_uri to the issuer JWKS endpoint, e.g. https://idp.example.com/.well-known/jwks.json',
        );
      }
      return new RemoteJwksKeySource(url, {
        cooldownMs: auth.jwksCooldownMs,
        cacheMaxAgeMs: auth.jwksCacheMaxAgeMs,
        timeoutMs: auth.jwksTimeoutMs,
      });
    }
    if (auth.jwksFile !== null) {
      return StaticJwksKeySource.fromFile(auth.jwksFile);
    }
    if (auth.publicKeyFile !== null) {
      return PemPublicKeySource.fromFile(auth.publicKeyFile);
    }
    return null;
  }

  /** jose's key callback; `alg` has already passed the allowlist when this runs. */
  readonly resolveKey = async (header: JWSHeaderParameters): Promise<VerificationKey> => {
    const alg = header.alg ?? '';
    if (isHmac(alg)) {
      if (this.hmacSecret === null) {
        throw new KeyNotFoundError('unsupported-alg');
      }
      return this.hmacSecret;
    }
    if (this.asymmetricKeys === null) {
      throw new KeyNotFoundError('unsupported-alg');
    }
    return this.asymmetricKeys.resolveKey(header);
  };

  /** See `JwtKeySource.isKeyCurrent`; the shared secret never rotates at runtime. */
  isKeyCurrent(alg: string, kid: string | undefined): boolean {
    if (isHmac(alg)) {
      return this.hmacSecret !== null;
    }
    return this.asymmetricKeys?.isKeyCurrent(kid) ?? false;
  }
}
