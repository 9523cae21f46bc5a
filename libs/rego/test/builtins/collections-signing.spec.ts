import { generateKeyPairSync } from 'node:crypto';
import { call, callError } from './host-test-helpers';

describe('numbers.range_step / array.flatten / casts', () => {
  it.each<[number, number, number, number[]]>([
    [0, 10, 3, [0, 3, 6, 9]],
    [10, 0, 3, [10, 7, 4, 1]],
    [1, 1, 5, [1]],
    [-2, 2, 2, [-2, 0, 2]],
  ])('numbers.range_step(%d, %d, %d)', (from, to, step, expected) => {
    expect(call('numbers.range_step', from, to, step)).toEqual(expected);
  });

  it('rejects non-positive or fractional steps', () => {
    expect(callError('numbers.range_step', 0, 5, 0).message).toBe(
      'numbers.range_step: step must be a positive number above zero',
    );
    expect(callError('numbers.range_step', 0, 5, 1.5).message).toContain(
      'operand 3 must be integer',
    );
  });

  it('flattens one level of nesting, as OPA does', () => {
    expect(call('array.flatten', [1, [2, [3, [4]]], [], 'x'])).toEqual([1, 2, [3, [4]], 'x']);
    const error = callError('array.flatten', 'x');
    expect(error.message).toBe('array.flatten: operand 1 must be array but got string');
    expect(error.code).toBe('eval_type_error');
  });

  it('casts only values of the right type', () => {
    expect(call('cast_set', [3, 1, 3])).toEqual([1, 3]);
    expect(call('cast_string', 'a')).toBe('a');
    expect(call('cast_null', null)).toBeNull();
    expect(callError('cast_boolean', 'true').message).toBe(
      'cast_boolean: operand 1 must be boolean but got string',
    );
  });
});

describe('indexof_n / strings.split_n', () => {
  it('finds every (overlapping) position in code points', () => {
    expect(call('indexof_n', 'dogcatdogcat', 'cat')).toEqual([3, 9]);
    expect(call('indexof_n', 'aaa', 'aa')).toEqual([0, 1]);
    expect(call('indexof_n', 'héllo wörld', 'l')).toEqual([2, 3, 9]);
    expect(call('indexof_n', 'abc', 'x')).toEqual([]);
    expect(callError('indexof_n', 'abc', '').message).toBe('indexof_n: empty search character');
  });

  it.each<[string, string, number, string[]]>([
    ['a,b,c', ',', 2, ['a', 'b']],
    ['a,b,c', ',', -1, ['c']],
    ['a,b,c', ',', -2, ['b', 'c']],
    ['a,b,c', ',', 10, ['a', 'b', 'c']],
    ['a,b,c', ',', -10, ['a', 'b', 'c']],
    ['a,b,c', ',', 0, []],
    ['abc', '', 2, ['a', 'b']],
    ['abc', '', -2, ['b', 'c']],
    ['', '.', 2, ['']],
    ['', '', 1, []],
  ])('strings.split_n(%j, %j, %d)', (text, separator, limit, expected) => {
    expect(call('strings.split_n', text, separator, limit)).toEqual(expected);
  });

  it('reports a fractional count as a type error', () => {
    const error = callError('strings.split_n', 'a.b', '.', 1.5);
    expect(error.message).toBe(
      'strings.split_n: operand 3 must be integer number but got floating-point number',
    );
    expect(error.code).toBe('eval_type_error');
    expect(callError('indexof_n', 'abc', '').code).toBe('eval_builtin_error');
  });
});

describe('io.jwt.encode_sign / encode_sign_raw', () => {
  it('signs with an HMAC JWK so that verification and decoding succeed', () => {
    const key = { kty: 'oct', k: Buffer.from('secret').toString('base64url') };
    const token = call(
      'io.jwt.encode_sign',
      { typ: 'JWT', alg: 'HS256' },
      { iss: 'joe', exp: 1300819380 },
      key,
    ) as string;
    expect(token.split('.')[0]).toBe(
      Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url'),
    );
    expect(call('io.jwt.verify_hs256', token, 'secret')).toBe(true);
    expect(call('io.jwt.decode', token)).toEqual([
      { alg: 'HS256', typ: 'JWT' },
      { exp: 1300819380, iss: 'joe' },
      expect.any(String),
    ]);
  });

  it.each(['RS256', 'PS384', 'ES256', 'EdDSA'])('signs %s with a private JWK', (alg) => {
    const pair =
      alg === 'ES256'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : alg === 'EdDSA'
          ? generateKeyPairSync('ed25519')
          : generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = pair.privateKey.export({ format: 'jwk' });
    const token = call(
      'io.jwt.encode_sign_raw',
      JSON.stringify({ alg }),
      '{"sub":"x"}',
      JSON.stringify(jwk),
    ) as string;
    const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' });
    const verifier = alg === 'EdDSA' ? 'io.jwt.verify_eddsa' : `io.jwt.verify_${alg.toLowerCase()}`;
    expect(call(verifier, token, publicPem)).toBe(true);
  });

  it('rejects unknown algorithms and unusable keys', () => {
    const key = { kty: 'oct', k: 'c2VjcmV0' };
    expect(callError('io.jwt.encode_sign', { alg: 'XX' }, {}, key).message).toContain(
      'unsupported or missing "alg"',
    );
    expect(callError('io.jwt.encode_sign', { alg: 'RS256' }, {}, key).message).toContain(
      'needs a private key',
    );
    expect(callError('io.jwt.encode_sign_raw', '{"alg":"HS256"}', '{}', 'nope').message).toContain(
      'key is not valid JSON',
    );
  });
});
