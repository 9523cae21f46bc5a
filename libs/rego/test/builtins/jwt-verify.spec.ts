import { createHmac, generateKeyPairSync, sign, constants, type KeyObject } from 'node:crypto';
import { call, callError } from './host-test-helpers';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function signed(alg: string, payload: Record<string, unknown>, key: KeyObject | string): string {
  const input = `${encode({ alg, typ: 'JWT' })}.${encode(payload)}`;
  const data = Buffer.from(input);
  const hash = `sha${alg.slice(2)}`;
  let signature: Buffer;
  if (alg.startsWith('HS'))
    signature = createHmac(hash, key as string)
      .update(data)
      .digest();
  else if (alg.startsWith('RS')) signature = sign(hash, data, key as KeyObject);
  else if (alg.startsWith('PS')) {
    signature = sign(hash, data, {
      key: key as KeyObject,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 32,
    });
  } else if (alg.startsWith('ES'))
    signature = sign(hash, data, { key: key as KeyObject, dsaEncoding: 'ieee-p1363' });
  else signature = sign(null, data, key as KeyObject);
  return `${input}.${signature.toString('base64url')}`;
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed = generateKeyPairSync('ed25519');
const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }) as string;
const jwks = (key: KeyObject) =>
  JSON.stringify({ keys: [pem(otherRsa.publicKey) && key.export({ format: 'jwk' })] });

describe('io.jwt.verify_*', () => {
  it.each<[string, string, KeyObject | string, string]>([
    ['HS256', 'io.jwt.verify_hs256', 'secret', 'secret'],
    ['HS512', 'io.jwt.verify_hs512', 'secret', 'secret'],
    ['RS256', 'io.jwt.verify_rs256', rsa.privateKey, pem(rsa.publicKey)],
    ['PS256', 'io.jwt.verify_ps256', rsa.privateKey, pem(rsa.publicKey)],
    ['ES256', 'io.jwt.verify_es256', ec.privateKey, pem(ec.publicKey)],
    ['EdDSA', 'io.jwt.verify_eddsa', ed.privateKey, pem(ed.publicKey)],
    ['RS256', 'io.jwt.verify_rs256', rsa.privateKey, jwks(rsa.publicKey)],
  ])('%s token passes %s', (alg, builtin, signingKey, verificationKey) => {
    const token = signed(alg, { sub: 'alice' }, signingKey);
    expect(call(builtin, token, verificationKey)).toBe(true);
  });

  it('fails for the wrong key, a tampered payload or the wrong algorithm', () => {
    const token = signed('RS256', { sub: 'alice' }, rsa.privateKey);
    expect(call('io.jwt.verify_rs256', token, pem(otherRsa.publicKey))).toBe(false);
    const [header, , signature] = token.split('.');
    expect(
      call(
        'io.jwt.verify_rs256',
        `${header}.${encode({ sub: 'mallory' })}.${signature}`,
        pem(rsa.publicKey),
      ),
    ).toBe(false);
    expect(call('io.jwt.verify_es256', token, pem(ec.publicKey))).toBe(false);
    expect(call('io.jwt.verify_hs256', signed('HS256', {}, 'a'), 'b')).toBe(false);
  });

  it('reports malformed input as errors', () => {
    expect(callError('io.jwt.verify_rs256', 'a.b', pem(rsa.publicKey)).message).toContain(
      'must have 3 sections',
    );
    expect(
      callError('io.jwt.verify_rs256', signed('RS256', {}, rsa.privateKey), 'not a key').message,
    ).toContain('failed to parse a JWK key');
  });
});

describe('io.jwt.decode_verify', () => {
  const now = 1_700_000_000;
  const token = signed(
    'RS256',
    { iss: 'coresdk', aud: 'api', exp: now + 60, nbf: now - 60, sub: 'alice' },
    rsa.privateKey,
  );
  const cert = pem(rsa.publicKey);

  it('returns [true, header, payload] when every constraint holds', () => {
    expect(
      call('io.jwt.decode_verify', token, { cert, iss: 'coresdk', aud: 'api', time: now * 1e9 }),
    ).toEqual([
      true,
      { alg: 'RS256', typ: 'JWT' },
      { iss: 'coresdk', aud: 'api', exp: now + 60, nbf: now - 60, sub: 'alice' },
    ]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['expired', { cert, aud: 'api', time: (now + 61) * 1e9 }],
    ['not yet valid', { cert, aud: 'api', time: (now - 61) * 1e9 }],
    ['wrong issuer', { cert, aud: 'api', iss: 'other', time: now * 1e9 }],
    ['missing audience constraint', { cert, time: now * 1e9 }],
    ['wrong audience', { cert, aud: 'web', time: now * 1e9 }],
    ['wrong algorithm', { cert, aud: 'api', alg: 'RS512', time: now * 1e9 }],
    ['wrong key', { cert: pem(otherRsa.publicKey), aud: 'api', time: now * 1e9 }],
    ['secret for an RSA token', { secret: 'x', aud: 'api', time: now * 1e9 }],
  ])('returns [false, {}, {}] when %s', (_, constraints) => {
    expect(call('io.jwt.decode_verify', token, constraints)).toEqual([false, {}, {}]);
  });

  it('verifies HMAC tokens with a secret', () => {
    const hs = signed('HS256', { sub: 'bob' }, 'top-secret');
    expect(call('io.jwt.decode_verify', hs, { secret: 'top-secret' })).toEqual([
      true,
      { alg: 'HS256', typ: 'JWT' },
      { sub: 'bob' },
    ]);
  });

  it('rejects bad constraints', () => {
    expect(callError('io.jwt.decode_verify', token, { cert, foo: 1 }).message).toContain(
      'unknown token validation constraint: foo',
    );
    expect(callError('io.jwt.decode_verify', token, {}).message).toContain("'cert' and 'secret'");
  });
});
