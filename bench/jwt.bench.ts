/**
 * JWT verification per algorithm (issue 9), side by side in one run, for RS256 (2048-bit),
 * ES256 and EdDSA (Ed25519), each with a local key:
 *  - jose `jwtVerify` alone (the signature and claim checks every request would pay),
 *  - CoreSDK's `TokenVerifier.verify` on a token it has not seen (JWKS key lookup + jose +
 *    CoreSDK's own checks; each call a distinct, freshly signed token),
 *  - `TokenVerifier.verify` on a token it verified before (the verified-token cache:
 *    keyed by the exact token, bounded, dropped at `exp` or when the key leaves the set),
 *  - `TokenVerifier.verifyCached`, the synchronous hit TenantGuard takes first.
 *
 * Run: npm run -s bench:jwt
 */
import { Logger } from '@nestjs/common';
import { jwtVerify, type CryptoKey } from 'jose';
import { resolveCoreSdkConfig } from '../libs/core-sdk/src/config';
import type { JwtAlgorithm } from '../libs/core-sdk/src/config/core-sdk-config.interface';
import { JwtKeyResolver } from '../libs/core-sdk/src/tenant/keys/jwt-key-resolver';
import { StaticJwksKeySource } from '../libs/core-sdk/src/tenant/keys/static-jwks.key-source';
import { TokenVerifier } from '../libs/core-sdk/src/tenant/jwt/token-verifier.service';
import { testOptions } from '../libs/core-sdk/test/tenant-support/test-config';
import {
  AUDIENCE,
  createSigningKey,
  ISSUER,
  signToken,
  type TestSigningKey,
} from '../libs/core-sdk/test/tenant-support/test-keys';
import { machineNotes } from './support/machine';
import { formatNs } from './support/measure';
import { measureAsyncSideBySide, type AsyncRow } from './support/measure-async';

const ALGORITHMS: JwtAlgorithm[] = ['RS256', 'ES256', 'EdDSA'];
const ITERATIONS = 200;
const ROUNDS = 7;
const WARMUP = 100;

/** The verifier as its unit spec builds it: resolved config, a local JWKS, no HMAC secret. */
function buildVerifier(keys: TestSigningKey[]): TokenVerifier {
  const config = resolveCoreSdkConfig(
    testOptions({ jwksUri: 'http://127.0.0.1:1/jwks.json', algorithms: ALGORITHMS }),
  );
  const source = new StaticJwksKeySource({ keys: keys.map((key) => key.publicJwk) });
  return new TokenVerifier(config, new JwtKeyResolver(config.auth.algorithms, source, null));
}

/** Distinct tokens (a `jti` each), so the "not seen" case never hits the cache. */
async function freshTokens(key: TestSigningKey, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++)
    tokens.push(
      await signToken(key, 'acme', { claims: { jti: `${key.alg}-${i}`, role: 'editor' } }),
    );
  return tokens;
}

async function benchAlgorithm(key: TestSigningKey, verifier: TokenVerifier): Promise<AsyncRow[]> {
  const fresh = await freshTokens(key, WARMUP + ITERATIONS * ROUNDS);
  let next = 0;
  const repeated = await signToken(key, 'acme', { claims: { role: 'editor' } });
  const cachedTenant = await verifier.verify(repeated);
  if (cachedTenant.tenantId !== 'acme') throw new Error('verifier returned the wrong tenant');
  const joseOptions = {
    algorithms: [key.alg],
    issuer: ISSUER,
    audience: AUDIENCE,
    requiredClaims: ['exp'],
  };
  const rows = await measureAsyncSideBySide(
    [
      {
        name: `jose jwtVerify (${key.alg})`,
        fn: () => jwtVerify(repeated, key.publicKey as CryptoKey, joseOptions),
      },
      { name: 'TokenVerifier.verify, new token', fn: () => verifier.verify(fresh[next++]) },
      { name: 'TokenVerifier.verify, cached token', fn: () => verifier.verify(repeated) },
      { name: 'TokenVerifier.verifyCached (sync hit)', fn: () => verifier.verifyCached(repeated) },
    ],
    ITERATIONS,
    ROUNDS,
    WARMUP,
  );
  if (next !== fresh.length) throw new Error(`used ${next} of ${fresh.length} fresh tokens`);
  if (verifier.verifyCached(fresh[fresh.length - 1])?.tenantId !== 'acme')
    throw new Error('a freshly verified token was not cached');
  return rows;
}

async function main(): Promise<void> {
  Logger.overrideLogger(false);
  console.log(
    '# JWT verification per algorithm: jose vs CoreSDK TokenVerifier (verified-token cache)',
  );
  console.log(`  machine: ${machineNotes()}`);
  const keys = await Promise.all(
    ALGORITHMS.map((alg, index) => createSigningKey(`k${index}-${alg}`, alg)),
  );
  const verifier = buildVerifier(keys);
  const summary: string[] = [];
  for (const key of keys) {
    const rows = await benchAlgorithm(key, verifier);
    const [jose, uncached, cached, sync] = rows;
    console.log(`\n## ${key.alg}`);
    for (const row of rows)
      console.log(
        `  ${row.name.padEnd(40)} ${formatNs(row.nsPerOp).padStart(10)}/op  ${Math.round(row.opsPerSecond).toString().padStart(9)} /s`,
      );
    const gain = uncached.nsPerOp / cached.nsPerOp;
    console.log(
      `  new token / jose ${(uncached.nsPerOp / jose.nsPerOp).toFixed(2)}×; ` +
        `cache gain: new / cached ${gain.toFixed(0)}×, new / sync hit ${(uncached.nsPerOp / sync.nsPerOp).toFixed(0)}×`,
    );
    summary.push(
      `${key.alg} jose ${formatNs(jose.nsPerOp)}, new ${formatNs(uncached.nsPerOp)}, cached ${formatNs(cached.nsPerOp)} (${gain.toFixed(0)}×)`,
    );
  }
  console.log(`\n  result: ${summary.join('; ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
