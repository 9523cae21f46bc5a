import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSigningKey, signToken, type TestSigningKey } from '../tenant-support/test-keys';

/** The test issuer's key and its JWKS file in a temp folder. */
export interface IssuerFixture {
  key: TestSigningKey;
  jwksFile: string;
  /** A valid token for `tenant`, with extra claims merged in. */
  token(tenant: string, claims?: Record<string, unknown>): Promise<string>;
  remove(): void;
}

export async function createIssuer(): Promise<IssuerFixture> {
  const key = await createSigningKey('authz-key');
  const dir = mkdtempSync(join(tmpdir(), 'coresdk-issuer-'));
  const jwksFile = join(dir, 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify({ keys: [key.publicJwk] }));
  return {
    key,
    jwksFile,
    token: (tenant, claims = {}) => signToken(key, tenant, { claims }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
