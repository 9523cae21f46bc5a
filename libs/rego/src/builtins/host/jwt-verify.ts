import { constants, createHmac, timingSafeEqual, verify, type KeyObject } from 'node:crypto';

/** How each JWS algorithm is checked with node:crypto. */
interface AlgorithmSpec {
  family: 'hmac' | 'rsa' | 'pss' | 'ecdsa' | 'eddsa';
  hash: string | null;
}

export const ALGORITHMS: Record<string, AlgorithmSpec> = {
  HS256: { family: 'hmac', hash: 'sha256' },
  HS384: { family: 'hmac', hash: 'sha384' },
  HS512: { family: 'hmac', hash: 'sha512' },
  RS256: { family: 'rsa', hash: 'sha256' },
  RS384: { family: 'rsa', hash: 'sha384' },
  RS512: { family: 'rsa', hash: 'sha512' },
  PS256: { family: 'pss', hash: 'sha256' },
  PS384: { family: 'pss', hash: 'sha384' },
  PS512: { family: 'pss', hash: 'sha512' },
  ES256: { family: 'ecdsa', hash: 'sha256' },
  ES384: { family: 'ecdsa', hash: 'sha384' },
  ES512: { family: 'ecdsa', hash: 'sha512' },
  EdDSA: { family: 'eddsa', hash: null },
};

/** Checks a JWS signature over `signingInput` with an HMAC secret (Buffer) or a public key. */
export function verifySignature(
  algorithm: string,
  signingInput: string,
  signature: Buffer,
  key: Buffer | KeyObject,
): boolean {
  const spec = ALGORITHMS[algorithm];
  if (!spec) return false;
  const data = Buffer.from(signingInput, 'utf8');
  if (spec.family === 'hmac') {
    const secret = Buffer.isBuffer(key) ? key : key.type === 'secret' ? key.export() : undefined;
    if (!secret) return false;
    const expected = createHmac(spec.hash!, secret).update(data).digest();
    return expected.length === signature.length && timingSafeEqual(expected, signature);
  }
  if (Buffer.isBuffer(key) || key.type !== 'public') return false;
  try {
    switch (spec.family) {
      case 'rsa':
        return key.asymmetricKeyType === 'rsa' && verify(spec.hash, data, key, signature);
      case 'pss':
        return verify(
          spec.hash,
          data,
          {
            key,
            padding: constants.RSA_PKCS1_PSS_PADDING,
            saltLength: constants.RSA_PSS_SALTLEN_AUTO,
          },
          signature,
        );
      case 'ecdsa':
        // JWS carries ECDSA signatures as raw r||s, not DER.
        return (
          key.asymmetricKeyType === 'ec' &&
          verify(spec.hash, data, { key, dsaEncoding: 'ieee-p1363' }, signature)
        );
      case 'eddsa':
        return verify(null, data, key, signature);
    }
  } catch {
    return false;
  }
  return false;
}
