import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';

/** Where the sample keeps its generated development key pair (git-ignored). */
export const DEV_KEYS_DIR = join(process.cwd(), '.dev-keys');
export const DEV_JWKS_FILE = join(DEV_KEYS_DIR, 'jwks.json');
export const DEV_PRIVATE_JWK_FILE = join(DEV_KEYS_DIR, 'private.jwk.json');

const KEY_SOURCE_ENV = [
  'CORESDK_JWKS_URI',
  'CORESDK_JWKS_FILE',
  'CORESDK_PUBLIC_KEY_FILE',
  'CORESDK_HMAC_SECRET',
];
const KEY_SOURCE_TOML = ['jwks_uri', 'jwks_file', 'public_key_file', 'hmac_secret'];

/**
 * True when neither the environment nor the toml file names a key source. Only then does
 * the sample fall back to its own development keys: a configured issuer always wins.
 */
export function needsDevelopmentKeys(env: NodeJS.ProcessEnv = process.env): boolean {
  if (KEY_SOURCE_ENV.some((name) => env[name])) return false;
  const configFile = env.CORESDK_CONFIG ?? join(process.cwd(), 'coresdk.toml');
  if (!existsSync(configFile)) return true;
  const auth = (parseToml(readFileSync(configFile, 'utf8')).auth ?? {}) as Record<string, unknown>;
  return !KEY_SOURCE_TOML.some((key) => auth[key] !== undefined);
}

/**
 * Creates an ES256 development key pair on first use and returns the path of its public
 * JWKS; later starts reuse it, so tokens minted earlier stay valid. The private key never
 * leaves `directory` (default `.dev-keys/`); `npm run token` signs with it.
 */
export async function ensureDevelopmentKeys(directory: string = DEV_KEYS_DIR): Promise<string> {
  const jwksFile = join(directory, 'jwks.json');
  const privateJwkFile = join(directory, 'private.jwk.json');
  if (existsSync(jwksFile) && existsSync(privateJwkFile)) return jwksFile;
  const { generateKeyPair, exportJWK, calculateJwkThumbprint } = await import('jose');
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  writeFileSync(
    privateJwkFile,
    JSON.stringify({ ...privateJwk, kid, alg: 'ES256', use: 'sig' }, null, 2),
    { mode: 0o600 },
  );
  writeFileSync(
    jwksFile,
    JSON.stringify({ keys: [{ ...publicJwk, kid, alg: 'ES256', use: 'sig' }] }, null, 2),
  );
  return jwksFile;
}
