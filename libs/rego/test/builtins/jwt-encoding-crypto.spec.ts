import { call, callError } from './host-test-helpers';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (header: unknown, payload: unknown, signature = 'c2ln') =>
  `${base64url(header)}.${base64url(payload)}.${signature}`;

describe('io.jwt.decode', () => {
  it('decodes the OPA documentation token', () => {
    const jwt =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuZXciOiJJIGFtIGEgdXNlciBjcmVhdGVkIGZpZWxkIiwiaXNzIjoib3BhIn0.6UmjsclVDGD9jcmX_F8RJzVgHtUZuLu2pxkF_UEQCrE';
    expect(call('io.jwt.decode', jwt)).toEqual([
      { alg: 'HS256', typ: 'JWT' },
      { iss: 'opa', new: 'I am a user created field' },
      'e949a3b1c9550c60fd8dc997fc5f112735601ed519b8bbb6a71905fd41100ab1',
    ]);
  });

  it('decodes a nested token when cty is JWT', () => {
    const inner = token({ alg: 'none' }, { sub: 'alice' });
    const outer = `${base64url({ alg: 'HS256', cty: 'JWT' })}.${Buffer.from(inner).toString('base64url')}.c2ln`;
    expect(call('io.jwt.decode', outer)).toEqual([{ alg: 'none' }, { sub: 'alice' }, '736967']);
  });

  it.each([
    ['a.b', 'encoded JWT must have 3 sections, found 2'],
    ['a.b.c.d.e', 'JWT is a JWE object, which is not supported'],
    [`${base64url([1])}.${base64url({})}.c2ln`, 'JWT header is not a JSON object'],
    [`${base64url({})}.${base64url('text')}.c2ln`, 'JWT payload is not a JSON object'],
    [`${base64url({})}.e30.!!`, 'JWT signature had invalid encoding'],
    [`e30.bm90IGpzb24.c2ln`, 'JWT payload had invalid encoding'],
  ])('rejects %s', (jwt, message) => {
    expect(callError('io.jwt.decode', jwt).message).toContain(`io.jwt.decode: ${message}`);
  });
});

describe('encodings', () => {
  it('hex', () => {
    expect(call('hex.encode', 'lorem ipsum')).toBe('6c6f72656d20697073756d');
    expect(call('hex.decode', '6c6f72656d20697073756d')).toBe('lorem ipsum');
    expect(callError('hex.decode', 'abc').message).toBe(
      'hex.decode: encoding/hex: odd length hex string',
    );
    expect(callError('hex.decode', 'zz').message).toBe(
      "hex.decode: encoding/hex: invalid byte: U+007A 'z'",
    );
  });

  it('urlquery', () => {
    expect(call('urlquery.encode', 'a b&c=d/é~')).toBe('a+b%26c%3Dd%2F%C3%A9~');
    expect(call('urlquery.decode', 'a+b%26c%3Dd%2F%C3%A9~')).toBe('a b&c=d/é~');
    expect(callError('urlquery.decode', '%zz').message).toContain('invalid URL escape "%zz"');
    expect(call('urlquery.encode_object', { b: ['2', '1'], a: 'x y' })).toBe('a=x+y&b=2&b=1');
    expect(callError('urlquery.encode_object', { a: 1 }).message).toContain(
      'operand 1 must be object',
    );
    expect(call('urlquery.decode_object', 'a=1&b=2&a=3&c')).toEqual({
      a: ['1', '3'],
      b: ['2'],
      c: [''],
    });
    expect(callError('urlquery.decode_object', 'a=1;b=2').message).toContain(
      'invalid semicolon separator',
    );
  });

  it('base64 and base64url, strictly', () => {
    expect(call('base64.encode', 'hello?')).toBe('aGVsbG8/');
    expect(call('base64.decode', 'aGVsbG8/')).toBe('hello?');
    expect(callError('base64.decode', 'aGVsbG8').message).toContain('illegal base64 data');
    expect(call('base64.is_valid', 'aGVsbG8/')).toBe(true);
    expect(call('base64.is_valid', 'aGVsbG8_')).toBe(false);
    expect(call('base64url.encode', 'hello?')).toBe('aGVsbG8_');
    expect(call('base64url.encode', 'hi')).toBe('aGk=');
    expect(call('base64url.encode_no_pad', 'hi')).toBe('aGk');
    expect(call('base64url.decode', 'aGk')).toBe('hi');
    expect(call('base64url.decode', 'aGk=')).toBe('hi');
    expect(callError('base64url.decode', 'a').message).toContain('illegal base64 data');
  });
});

describe('crypto', () => {
  it.each([
    ['crypto.md5', '5d41402abc4b2a76b9719d911017c592'],
    ['crypto.sha1', 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d'],
    ['crypto.sha256', '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'],
  ])('%s("hello")', (name, digest) => {
    expect(call(name, 'hello')).toBe(digest);
  });

  it('computes HMACs and compares them', () => {
    const mac = call('crypto.hmac.sha256', 'hello', 'secret');
    expect(mac).toBe('88aab3ede8d3adf94d26ab90d3bafd4a2083070c3bcce9c014ee04a443847c0b');
    expect(call('crypto.hmac.sha512', 'hello', 'secret')).toHaveLength(128);
    expect(call('crypto.hmac.md5', 'hello', 'secret')).toHaveLength(32);
    expect(call('crypto.hmac.sha1', 'hello', 'secret')).toHaveLength(40);
    expect(call('crypto.hmac.equal', mac, mac)).toBe(true);
    expect(call('crypto.hmac.equal', mac, 'x')).toBe(false);
    expect(callError('crypto.sha256', 1).message).toBe(
      'crypto.sha256: operand 1 must be string but got number',
    );
  });
});
