import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevelopmentKeys, needsDevelopmentKeys } from './dev-keys';

describe('development keys', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'coresdk-dev-keys-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  describe('ensureDevelopmentKeys', () => {
    it('creates a key pair once and reuses it on later starts', async () => {
      const keysDir = join(directory, '.dev-keys');
      const jwksFile = await ensureDevelopmentKeys(keysDir);
      expect(jwksFile).toBe(join(keysDir, 'jwks.json'));
      const first = readFileSync(jwksFile, 'utf8');
      const jwks = JSON.parse(first);
      expect(jwks.keys).toEqual([
        expect.objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: expect.any(String) }),
      ]);
      expect(jwks.keys[0]).not.toHaveProperty('d');
      expect(statSync(join(keysDir, 'private.jwk.json')).mode & 0o777).toBe(0o600);

      await ensureDevelopmentKeys(keysDir);
      expect(readFileSync(jwksFile, 'utf8')).toBe(first);
    });
  });

  describe('needsDevelopmentKeys', () => {
    const toml = (auth: string): string => {
      const file = join(directory, 'coresdk.toml');
      writeFileSync(file, `[auth]\nissuer = "x"\n${auth}\n`);
      return file;
    };

    it('is true when neither the toml nor the environment names a key source', () => {
      expect(needsDevelopmentKeys({ CORESDK_CONFIG: toml('') })).toBe(true);
      expect(needsDevelopmentKeys({ CORESDK_CONFIG: join(directory, 'absent.toml') })).toBe(true);
    });

    it.each([
      ['jwks_uri', 'jwks_uri = "https://issuer.example/jwks.json"'],
      ['jwks_file', 'jwks_file = "keys/jwks.json"'],
      ['public_key_file', 'public_key_file = "keys/public.pem"'],
      ['hmac_secret', 'hmac_secret = "s"'],
    ])('is false when the toml sets %s', (_, line) => {
      expect(needsDevelopmentKeys({ CORESDK_CONFIG: toml(line) })).toBe(false);
    });

    it.each([
      'CORESDK_JWKS_URI',
      'CORESDK_JWKS_FILE',
      'CORESDK_PUBLIC_KEY_FILE',
      'CORESDK_HMAC_SECRET',
    ])('is false when %s is set', (name) => {
      expect(needsDevelopmentKeys({ CORESDK_CONFIG: toml(''), [name]: 'value' })).toBe(false);
    });
  });
});
