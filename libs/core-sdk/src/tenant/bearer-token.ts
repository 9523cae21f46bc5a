import { AuthenticationFailedException } from '../errors/authentication-failed.exception';

/** RFC 6750 §2.1 b64token. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The token of an `Authorization: Bearer <token>` header. A request without credentials
 * or with another scheme (e.g. `Basic`) has no bearer token; one that says `Bearer` but
 * does not follow with exactly one well-formed token is malformed.
 */
export function extractBearerToken(authorization: string | string[] | undefined): string {
  return assertWellFormedBearerToken(bearerCredentials(authorization));
}

/**
 * What follows `Bearer` in the header, not yet checked against the b64token syntax. Lets
 * a caller look the string up among tokens verified before (which all passed that check)
 * and run the syntax check over the whole token only on a miss.
 */
export function bearerCredentials(authorization: string | string[] | undefined): string {
  if (authorization === undefined || authorization === '') {
    throw AuthenticationFailedException.missingToken();
  }
  if (typeof authorization !== 'string') {
    throw AuthenticationFailedException.invalidToken('malformed authorization header');
  }
  const trimmed = authorization.trim();
  const separator = trimmed.indexOf(' ');
  const schemeLength = separator === -1 ? trimmed.length : separator;
  if (!isBearerScheme(trimmed, schemeLength)) {
    throw AuthenticationFailedException.missingToken();
  }
  return separator === -1 ? '' : trimmed.slice(separator + 1).trim();
}

/** The token itself, or a 401 when it is not a b64token. */
export function assertWellFormedBearerToken(token: string): string {
  if (!B64TOKEN.test(token)) {
    throw AuthenticationFailedException.invalidToken('malformed authorization header');
  }
  return token;
}

/** Case-insensitive `bearer`, without allocating a lower-cased copy of the scheme. */
function isBearerScheme(header: string, schemeLength: number): boolean {
  return (
    schemeLength === 6 &&
    (header.startsWith('Bearer') || header.slice(0, 6).toLowerCase() === 'bearer')
  );
}
