import { nearestName } from './nearest-name';

describe('nearestName', () => {
  const keys = ['jwks_uri', 'jwks_file', 'public_key_file', 'hmac_secret', 'clock_tolerance'];

  it.each([
    ['jwks_url', 'jwks_uri'],
    ['jwksUri', 'jwks_uri'],
    ['JWKS-FILE', 'jwks_file'],
    ['clock_tolerence', 'clock_tolerance'],
    ['publickeyfile', 'public_key_file'],
  ])('suggests %p for %p', (typed, expected) => {
    expect(nearestName(typed, keys)).toBe(expected);
  });

  it.each(['colour', 'x', 'something_else_entirely'])('suggests nothing for %p', (typed) => {
    expect(nearestName(typed, keys)).toBeNull();
  });
});
