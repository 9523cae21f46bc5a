import { X509Certificate, createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';

/**
 * The verification keys in an io.jwt.verify_* / decode_verify "certificate": a PEM
 * certificate, a PEM public key, a JWK, or a JWK set (every key is tried).
 */
export function verificationKeys(material: string): KeyObject[] {
  const text = material.trim();
  if (text.startsWith('-----BEGIN CERTIFICATE-----')) return [new X509Certificate(text).publicKey];
  if (text.startsWith('-----BEGIN')) return [createPublicKey(text)];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('failed to parse a JWK key (set): not a PEM block or JSON');
  }
  const keys = isRecord(parsed) && Array.isArray(parsed.keys) ? parsed.keys : [parsed];
  return keys.map((jwk) => {
    if (!isRecord(jwk)) throw new Error('failed to parse a JWK key (set): key is not an object');
    // Symmetric JWKs (kty "oct") carry the HMAC secret in "k".
    if (jwk.kty === 'oct' && typeof jwk.k === 'string')
      return createSecretKey(Buffer.from(jwk.k, 'base64url'));
    return createPublicKey({ key: jwk as never, format: 'jwk' });
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
