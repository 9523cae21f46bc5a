import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintDevelopmentToken, SampleProcess } from './support/sample-process';

const REPO_ROOT = join(__dirname, '..', '..');

/**
 * The README's first run: a checkout with no key configured starts, generates a development
 * key pair in .dev-keys/, publishes its JWKS, and accepts what `npm run token` mints.
 * Runs in a temporary copy of the files the sample reads (coresdk.toml, policies/).
 */
describe('sample first run (no key configured)', () => {
  let workdir: string;
  let sample: SampleProcess | undefined;

  beforeAll(async () => {
    workdir = mkdtempSync(join(tmpdir(), 'coresdk-first-run-'));
    cpSync(join(REPO_ROOT, 'coresdk.toml'), join(workdir, 'coresdk.toml'));
    cpSync(join(REPO_ROOT, 'policies'), join(workdir, 'policies'), { recursive: true });
    expect(existsSync(join(workdir, '.dev-keys'))).toBe(false);
    sample = await SampleProcess.start(workdir, {
      SAMPLE_SQLITE_FILE: join(workdir, 'data', 'sample.sqlite'),
    });
  }, 30_000);

  afterAll(async () => {
    await sample?.stop();
    rmSync(workdir, { recursive: true, force: true });
  });

  it('generates a development key pair, the private half readable by its owner only', () => {
    const privateFile = join(workdir, '.dev-keys', 'private.jwk.json');
    expect(statSync(privateFile).mode & 0o777).toBe(0o600);
    const privateJwk = JSON.parse(readFileSync(privateFile, 'utf8'));
    expect(privateJwk).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      alg: 'ES256',
      d: expect.any(String),
    });
    expect(existsSync(join(workdir, 'data', 'sample.sqlite'))).toBe(true);
  });

  it('serves the public JWKS, without the private key', async () => {
    const response = await fetch(`${sample!.baseUrl}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    const jwks = (await response.json()) as { keys: Array<Record<string, unknown>> };
    const onDisk = JSON.parse(readFileSync(join(workdir, '.dev-keys', 'jwks.json'), 'utf8'));
    expect(jwks).toEqual(onDisk);
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const privateJwk = JSON.parse(
      readFileSync(join(workdir, '.dev-keys', 'private.jwk.json'), 'utf8'),
    );
    expect(jwks.keys[0].kid).toBe(privateJwk.kid);
  });

  it('accepts a token from the token script on /whoami', async () => {
    const token = await mintDevelopmentToken(workdir, ['--tenant', 'acme-corp', '--sub', 'alice']);
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const whoami = await fetch(`${sample!.baseUrl}/whoami`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(whoami.status).toBe(200);
    expect(await whoami.json()).toEqual({ tenant_id: 'acme-corp', sub: 'alice' });
    expect((await fetch(`${sample!.baseUrl}/whoami`)).status).toBe(401);
  }, 20_000);
});
