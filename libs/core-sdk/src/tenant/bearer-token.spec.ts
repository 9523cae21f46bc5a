import { AuthenticationFailedException } from '../errors/authentication-failed.exception';
import { extractBearerToken } from './bearer-token';

function failure(header: string | string[] | undefined): { message: string; challenge: string } {
  try {
    extractBearerToken(header);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthenticationFailedException);
    const exception = error as AuthenticationFailedException;
    return {
      message: (exception.getResponse() as { message: string }).message,
      challenge: exception.challenge,
    };
  }
  throw new Error(`expected ${JSON.stringify(header)} to be rejected`);
}

describe('extractBearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def.ghi', 'abc.def.ghi'],
    ['BEARER abc.def.ghi', 'abc.def.ghi'],
    ['Bearer   abc.def.ghi  ', 'abc.def.ghi'],
    ['Bearer a-b_c~d+e/f==', 'a-b_c~d+e/f=='],
  ])('reads %j', (header, token) => {
    expect(extractBearerToken(header)).toBe(token);
  });

  it.each([undefined, '', 'Basic dXNlcjpwYXNz', 'Token abc', 'Bearerabc.def.ghi'])(
    'treats %j as no bearer credentials',
    (header) => {
      expect(failure(header)).toEqual({ message: 'missing bearer token', challenge: 'Bearer' });
    },
  );

  it.each([
    'Bearer',
    'Bearer ',
    'Bearer a b',
    'Bearer a,b',
    'Bearer =abc',
    'Bearer a=b',
    ['a', 'b'],
  ])('rejects the malformed %j', (header) => {
    expect(failure(header)).toEqual({
      message: 'malformed authorization header',
      challenge: 'Bearer error="invalid_token"',
    });
  });
});
