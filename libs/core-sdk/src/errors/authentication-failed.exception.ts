import { HttpException, HttpStatus } from '@nestjs/common';

/** The fixed client-facing messages; never the token, never a library's own text. */
export type AuthenticationFailureMessage =
  | 'missing bearer token'
  | 'malformed authorization header'
  | 'invalid token'
  | 'token expired'
  | 'token not yet valid'
  | 'invalid tenant';

/**
 * A 401 with the RFC 6750 challenge to send in `WWW-Authenticate`. A request that carries
 * no bearer credentials gets a bare `Bearer` challenge (RFC 6750 §3.1: no error code when
 * the client did not try); every other failure is `error="invalid_token"`.
 */
export class AuthenticationFailedException extends HttpException {
  private constructor(
    message: AuthenticationFailureMessage,
    /** Value of the `WWW-Authenticate` response header. */
    readonly challenge: string,
  ) {
    super(
      { statusCode: HttpStatus.UNAUTHORIZED, error: 'Unauthorized', message },
      HttpStatus.UNAUTHORIZED,
    );
  }

  /** No `Authorization: Bearer` credentials at all (absent header or another scheme). */
  static missingToken(): AuthenticationFailedException {
    return new AuthenticationFailedException('missing bearer token', 'Bearer');
  }

  /** Credentials were presented but are not acceptable. */
  static invalidToken(
    message: Exclude<AuthenticationFailureMessage, 'missing bearer token'> = 'invalid token',
  ): AuthenticationFailedException {
    return new AuthenticationFailedException(message, 'Bearer error="invalid_token"');
  }
}
