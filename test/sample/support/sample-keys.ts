import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

/** Issuer and audience of the repository's coresdk.toml, which the e2e app loads. */
export const SAMPLE_ISSUER = 'coresdk-dev';
export const SAMPLE_AUDIENCE = 'coresdk-sample';

export type Role = 'reader' | 'editor' | 'admin';

export interface TokenRequest {
  tenant: string;
  sub?: string;
  /** `reader` sends no role claim at all: the policies treat every verified user as a reader. */
  role?: Role;
  claims?: Record<string, unknown>;
}

/** A test issuer: an ES256 key pair whose public JWKS sits in a temporary file. */
export class SampleIssuer {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly kid: string,
    private readonly directory: string,
    readonly jwksFile: string,
  ) {}

  static async create(): Promise<SampleIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = `sample-e2e-${process.pid}`;
    const directory = mkdtempSync(join(tmpdir(), 'coresdk-sample-keys-'));
    const jwksFile = join(directory, 'jwks.json');
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    writeFileSync(jwksFile, JSON.stringify({ keys: [publicJwk] }));
    return new SampleIssuer(privateKey, kid, directory, jwksFile);
  }

  /** A token the sample accepts: right issuer, audience, algorithm and tenant claim. */
  async token({ tenant, sub = 'user-1', role = 'reader', claims = {} }: TokenRequest) {
    const payload: Record<string, unknown> = { tenant_id: tenant, ...claims };
    if (role !== 'reader') payload.role = role;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', kid: this.kid, typ: 'JWT' })
      .setIssuer(SAMPLE_ISSUER)
      .setAudience(SAMPLE_AUDIENCE)
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(this.privateKey);
  }

  dispose(): void {
    rmSync(this.directory, { recursive: true, force: true });
  }
}
