import { Logger } from '@nestjs/common';
import { SignJWT, type JWSHeaderParameters } from 'jose';
import { resolveCoreSdkConfig } from '../../config';
import type { CoreSdkModuleOptions } from '../../config/core-sdk-options.interface';
import { AuthenticationFailedException } from '../../errors/authentication-failed.exception';
import { TenantForbiddenException } from '../../errors/tenant-forbidden.exception';
import { testOptions } from '../../../test/tenant-support/test-config';
import {
  createSigningKey,
  publicKeyPem,
  signHs256,
  signToken,
  validClaims,
  type TestSigningKey,
} from '../../../test/tenant-support/test-keys';
import { JwtKeyResolver } from '../keys/jwt-key-resolver';
import type { JwtKeySource, VerificationKey } from '../keys/jwt-key-source.interface';
import { StaticJwksKeySource } from '../keys/static-jwks.key-source';
import { TokenVerifier } from './token-verifier.service';

const HMAC_SECRET = 'a-test-secret-that-is-at-least-32-bytes-long!';

/** A JWKS whose kids the test can remove, counting key lookups. */
class CountingKeySource implements JwtKeySource {
  lookups = 0;
  constructor(public keys: StaticJwksKeySource) {}
  resolveKey(header: JWSHeaderParameters): Promise<VerificationKey> {
    this.lookups += 1;
    return this.keys.resolveKey(header);
  }
  isKeyCurrent(kid: string | undefined): boolean {
    return kid !== undefined && this.keys.kids.has(kid);
  }
}

async function failureOf(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const exception = error as AuthenticationFailedException;
    return {
      status: exception.getStatus(),
      message: (exception.getResponse() as { message: string }).message,
    };
  }
  throw new Error('expected the token to be rejected');
}

describe('TokenVerifier', () => {
  let key: TestSigningKey;
  let source: CountingKeySource;
  let verifier: TokenVerifier;

  const build = (
    keySource: JwtKeySource | null,
    options: CoreSdkModuleOptions = testOptions({ jwksUri: 'http://127.0.0.1:1/jwks.json' }),
  ) => {
    const config = resolveCoreSdkConfig(options);
    return new TokenVerifier(config, new JwtKeyResolver(config.auth.algorithms, keySource, null));
  };

  beforeAll(async () => {
    Logger.overrideLogger(false); // rejections are logged at debug level
    key = await createSigningKey('k1');
  });

  beforeEach(() => {
    source = new CountingKeySource(new StaticJwksKeySource({ keys: [key.publicJwk] }));
    verifier = build(source);
  });

  afterEach(() => jest.useRealTimers());

  it('returns the tenant, subject and deep-frozen claims', async () => {
    const token = await signToken(key, 'acme', { claims: { roles: { admin: ['x'] } } });
    const tenant = await verifier.verify(token);
    expect(tenant).toMatchObject({ tenantId: 'acme', subject: 'user-1' });
    expect(Object.isFrozen(tenant.claims)).toBe(true);
    expect(Object.isFrozen((tenant.claims.roles as { admin: string[] }).admin)).toBe(true);
  });

  it('verifies a token once and serves repeats from the cache', async () => {
    const token = await signToken(key, 'acme');
    await verifier.verify(token);
    await verifier.verify(token);
    await verifier.verify(token);
    expect(source.lookups).toBe(1);
  });

  it('refuses a cached token once it has expired', async () => {
    const now = Date.now();
    jest.useFakeTimers({ now, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const token = await signToken(key, 'acme', {
      claims: { iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + 60 },
    });
    await verifier.verify(token);
    jest.setSystemTime(now + 61_000 + 5_000);
    expect(await failureOf(verifier.verify(token))).toEqual({
      status: 401,
      message: 'token expired',
    });
    expect(source.lookups).toBe(2);
  });

  it('refuses a cached token once its kid left the key set', async () => {
    const token = await signToken(key, 'acme');
    await verifier.verify(token);
    source.keys = new StaticJwksKeySource({ keys: [] });
    expect((await failureOf(verifier.verify(token))).status).toBe(401);
  });

  it('re-checks the declared tenants on a cache hit', async () => {
    const token = await signToken(key, 'initech');
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(TenantForbiddenException);
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(TenantForbiddenException);
  });

  it('answers synchronously for a token verified before, with the same checks', async () => {
    const token = await signToken(key, 'acme');
    expect(verifier.verifyCached(token)).toBeUndefined();
    const verified = await verifier.verify(token);
    expect(verifier.verifyCached(token)).toBe(verified);
    const undeclared = await signToken(key, 'initech');
    await expect(verifier.verify(undeclared)).rejects.toBeInstanceOf(TenantForbiddenException);
    expect(() => verifier.verifyCached(undeclared)).toThrow(TenantForbiddenException);
    source.keys = new StaticJwksKeySource({ keys: [] });
    expect(verifier.verifyCached(token)).toBeUndefined();
  });

  it('accepts any well-formed tenant when none are declared', async () => {
    const open = build(source, testOptions({ jwksUri: 'http://127.0.0.1:1/jwks.json' }, []));
    expect((await open.verify(await signToken(key, 'initech'))).tenantId).toBe('initech');
  });

  it('turns an unexpected key-source failure into a 401', async () => {
    const broken: JwtKeySource = {
      resolveKey: () => Promise.reject(new Error('socket hang up')),
      isKeyCurrent: () => true,
    };
    const failure = await failureOf(build(broken).verify(await signToken(key, 'acme')));
    expect(failure).toEqual({ status: 401, message: 'invalid token' });
  });

  it('refuses an oversized token without looking up a key', async () => {
    const token = await signToken(key, 'acme', { claims: { padding: 'x'.repeat(20_000) } });
    expect((await failureOf(verifier.verify(token))).status).toBe(401);
    expect(source.lookups).toBe(0);
  });

  it('never gives the shared secret to an asymmetric alg or a public key to HS256', async () => {
    // Even if both kinds of algorithm were allowed at once (the config loader forbids it),
    // the resolver keeps the secret and the public keys apart.
    const mixed = new TokenVerifier(
      resolveCoreSdkConfig(testOptions({ jwksUri: 'http://127.0.0.1:1/jwks.json' })),
      new JwtKeyResolver(['RS256', 'HS256'], source, new TextEncoder().encode(HMAC_SECRET)),
    );
    const pem = await publicKeyPem(key);
    const confused = signHs256(pem, { alg: 'HS256', kid: 'k1' }, validClaims('acme'));
    expect((await failureOf(mixed.verify(confused))).status).toBe(401);

    const genuine = await new SignJWT(validClaims('globex'))
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(HMAC_SECRET));
    expect((await mixed.verify(genuine)).tenantId).toBe('globex');
    expect((await mixed.verify(await signToken(key, 'acme'))).tenantId).toBe('acme');
  });

  it('accepts a token without iat (the claim is optional)', async () => {
    const token = await signToken(key, 'acme', { claims: { iat: undefined } });
    expect((await verifier.verify(token)).tenantId).toBe('acme');
  });

  it.each([
    ['iat', 'yesterday'],
    ['exp', '2030-01-01'],
    ['nbf', {}],
  ])('rejects a non-numeric %s', async (claim, value) => {
    const token = await signToken(key, 'acme', { claims: { [claim]: value } });
    expect((await failureOf(verifier.verify(token))).status).toBe(401);
  });

  it('raises only AuthenticationFailedException for garbage', async () => {
    for (const garbage of ['a.b.c', 'eyJhbGciOiJSUzI1NiJ9.e30.', '..', 'x'.repeat(100)]) {
      await expect(verifier.verify(garbage)).rejects.toBeInstanceOf(AuthenticationFailedException);
    }
  });
});
