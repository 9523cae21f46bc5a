import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveCoreSdkConfig } from '../../config';
import type { AuthSection } from '../../config/core-sdk-config.interface';
import { KeySourceSetupError } from '../../errors/key-source-setup.error';
import { testOptions } from '../../../test/tenant-support/test-config';
import { JwtKeyResolver } from './jwt-key-resolver';
import { KeyNotFoundError, type JwtKeySource } from './jwt-key-source.interface';

const noKeys: JwtKeySource = {
  resolveKey: () => Promise.reject(new KeyNotFoundError('unknown-kid')),
  isKeyCurrent: () => false,
};
const secret = (length: number) => new TextEncoder().encode('s'.repeat(length));

describe('JwtKeyResolver', () => {
  let directory: string;
  let auth: AuthSection;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'coresdk-resolver-'));
    auth = resolveCoreSdkConfig(testOptions({ jwksUri: 'http://127.0.0.1:1/jwks.json' })).auth;
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('enforces only the configured algorithms it has a key for', () => {
    expect(new JwtKeyResolver(['RS256', 'HS256'], noKeys, null).algorithms).toEqual(['RS256']);
    expect(new JwtKeyResolver(['RS256', 'HS256'], null, secret(32)).algorithms).toEqual(['HS256']);
  });

  it('refuses to be built without any usable algorithm', () => {
    expect(() => new JwtKeyResolver(['HS256'], noKeys, null)).toThrow(KeySourceSetupError);
    expect(() => new JwtKeyResolver(['RS256'], null, secret(32))).toThrow(/has a key/);
  });

  it.each([
    ['HS256', 31],
    ['HS384', 47],
    ['HS512', 63],
  ] as const)('refuses an HMAC secret too short for %s', (alg, length) => {
    expect(() => new JwtKeyResolver([alg], null, secret(length))).toThrow(/too short/);
    expect(() => new JwtKeyResolver([alg], null, secret(length + 1))).not.toThrow();
  });

  it('never hands the secret out for an asymmetric alg, nor a public key for HS*', async () => {
    const hmacOnly = new JwtKeyResolver(['HS256'], null, secret(32));
    await expect(hmacOnly.resolveKey({ alg: 'RS256' })).rejects.toBeInstanceOf(KeyNotFoundError);
    const publicOnly = new JwtKeyResolver(['RS256'], noKeys, null);
    await expect(publicOnly.resolveKey({ alg: 'HS256' })).rejects.toBeInstanceOf(KeyNotFoundError);
  });

  it('rejects two asymmetric key sources and a non-http JWKS URL', () => {
    expect(() =>
      JwtKeyResolver.fromConfig({ ...auth, jwksFile: join(directory, 'x.json') }),
    ).toThrow(/more than one/);
    expect(() => JwtKeyResolver.fromConfig({ ...auth, jwksUri: 'file:///etc/jwks.json' })).toThrow(
      /not an http\(s\) URL/,
    );
  });

  it.each([
    ['a missing file', null, /could not be read/],
    ['a file that is not JSON', 'not json', /could not be read as JSON/],
    ['a JWKS without keys', '{"keys":[]}', /holds no public signing key/],
  ])('explains how to fix a JWKS file that is %s', (_label, content, message) => {
    const path = join(directory, `${Math.random()}.json`);
    if (content !== null) writeFileSync(path, content);
    expect(() => JwtKeyResolver.fromConfig({ ...auth, jwksUri: null, jwksFile: path })).toThrow(
      message,
    );
  });

  it.each([
    ['a missing file', null, /could not be read/],
    ['not PEM', 'hello', /not a PEM public key or certificate/],
    [
      'a private key',
      '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
      /never its private key/,
    ],
    [
      'a corrupt public key',
      '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n',
      /could not be parsed/,
    ],
  ])('explains how to fix a public key file that is %s', (_label, content, message) => {
    const path = join(directory, `${Math.random()}.pem`);
    if (content !== null) writeFileSync(path, content);
    expect(() =>
      JwtKeyResolver.fromConfig({ ...auth, jwksUri: null, publicKeyFile: path }),
    ).toThrow(message);
  });
});
