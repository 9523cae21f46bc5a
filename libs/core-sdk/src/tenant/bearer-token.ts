import { AuthenticationFailedException } from '../errors/authentication-failed.exception';

/** RFC 6750 §2.1 b64token. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The token of an `Authorization: Bearer <token>` header. A request without credentials
 * or with another scheme (e.g. `Basic`) has no bearer token; one that says `Bearer` but
 * does not follow with exactly one well-formed token is malformed.
 */
export function extractBearerToken(authorization: string | string[] | undefined): string {
  if (authorization === undefined || authorization === '') {
    throw AuthenticationFailedException.missingToken();
  }
  if (typeof authorization !== 'string') {
    throw AuthenticationFailedException.invalidToken('malformed authorization header');
  }
  const trimmed = authorization.trim();
  const separator = trimmed.indexOf(' ');
  const scheme = separator === -1 ? trimmed : trimmed.slice(0, separator);
  if (scheme.toLowerCase() !== 'bearer') {
    throw AuthenticationFailedException.missingToken();
  }
  const token = separator === -1 ? '' : trimmed.slice(separator + 1).trim();
  if (!B64TOKEN.test(token)) {
    throw AuthenticationFailedException.invalidToken('malformed authorization header');
  }
  return token;
}
