import { createHmac, KeyObject, sign } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

/** A signing key of the test issuer, with its public JWK (carrying kid and alg). */
export interface TestSigningKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

export async function createSigningKey(kid: string, alg = 'RS256'): Promise<TestSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, publicKey, publicJwk };
}

export async function publicKeyPem(key: TestSigningKey): Promise<string> {
  return exportSPKI(key.publicKey);
}

export const ISSUER = 'https://issuer.test';
export const AUDIENCE = 'coresdk-tests';

export interface TokenOptions {
  /** Claims merged over the defaults; a value of `undefined` removes the claim. */
  claims?: Record<string, unknown>;
  /** Protected header merged over `{ alg, kid, typ: 'JWT' }`. */
  header?: Record<string, unknown>;
}

/** A correctly signed token for `tenant`, valid for 5 minutes, unless overridden. */
export async function signToken(
  key: TestSigningKey,
  tenant: unknown,
  options: TokenOptions = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: 'user-1',
    tenant_id: tenant,
    iat: now,
    exp: now + 300,
    ...options.claims,
  };
  for (const [name, value] of Object.entries(claims)) {
    if (value === undefined) delete claims[name];
  }
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...options.header } as never)
    .sign(key.privateKey);
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/** A compact JWS assembled by hand, for headers and signatures no honest library emits. */
export function rawToken(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  signature = '',
): string {
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}.${signature}`;
}

/** Default valid claims for a hand-made token. */
export function validClaims(tenant: string): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: ISSUER, aud: AUDIENCE, sub: 'user-1', tenant_id: tenant, iat: now, exp: now + 300 };
}

/**
 * Signs an arbitrary header and claims with an RS256 key: for headers jose refuses to
 * produce (unknown `crit`, `jku`, ...).
 */
export function signRaw(
  key: TestSigningKey,
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
): string {
  const unsigned = rawToken(header, claims).slice(0, -1);
  const signature = sign('sha256', Buffer.from(unsigned), KeyObject.from(key.privateKey as never));
  return `${unsigned}.${signature.toString('base64url')}`;
}

/** HS256 over the token with `secret` as the HMAC key (e.g. the issuer's public key PEM). */
export function signHs256(
  secret: string,
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
): string {
  const unsigned = rawToken(header, claims).slice(0, -1);
  const signature = createHmac('sha256', secret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}
