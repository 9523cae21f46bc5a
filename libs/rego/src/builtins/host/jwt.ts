import { BuiltinError } from '../builtin-error';
import { decodeBase64 } from './base64-strict';
import { define, type HostRegistry } from './host-builtin';
import { isJsonObject, stringOperand } from './operands';

const BUILTIN = 'io.jwt.decode';

/** The three dot-separated parts of a compact JWS, checked as io.jwt.decode checks them. */
export function splitToken(builtin: string, token: string): [string, string, string] {
  const parts = token.split('.');
  if (parts.length === 5)
    throw new BuiltinError(builtin, 'JWT is a JWE object, which is not supported');
  if (parts.length !== 3)
    throw new BuiltinError(builtin, `encoded JWT must have 3 sections, found ${parts.length}`);
  return parts as [string, string, string];
}

function decodeSegment(segment: string, what: string): Buffer {
  const bytes = decodeBase64(segment, true);
  if (!bytes)
    throw new BuiltinError(BUILTIN, `JWT ${what} had invalid encoding: illegal base64 data`);
  return bytes;
}

function jsonObject(bytes: Buffer, what: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new BuiltinError(
      BUILTIN,
      `JWT ${what} had invalid encoding: ${(error as Error).message}`,
    );
  }
  if (!isJsonObject(parsed)) throw new BuiltinError(BUILTIN, `JWT ${what} is not a JSON object`);
  return parsed;
}

/**
 * OPA's io.jwt.decode without verification: [header, payload, signature as hex]. A
 * header `cty: "JWT"` means the payload is itself a token, which is decoded in turn.
 */
export function decodeJwt(
  token: string,
): [Record<string, unknown>, Record<string, unknown>, string] {
  const parts = token.split('.');
  if (parts.length === 5)
    throw new BuiltinError(BUILTIN, 'JWT is a JWE object, which is not supported');
  if (parts.length !== 3)
    throw new BuiltinError(BUILTIN, `encoded JWT must have 3 sections, found ${parts.length}`);
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = jsonObject(decodeSegment(headerPart, 'header'), 'header');
  const payloadBytes = decodeSegment(payloadPart, 'payload');
  const signature = decodeSegment(signaturePart, 'signature').toString('hex');
  if (typeof header.cty === 'string' && header.cty.toUpperCase() === 'JWT') {
    return decodeJwt(payloadBytes.toString('utf8'));
  }
  return [header, jsonObject(payloadBytes, 'payload'), signature];
}

/** Registers io.jwt.decode (verification lives in jwt-verification.ts). */
export function register(into: HostRegistry): void {
  define(into, BUILTIN, 1, (token: unknown) => decodeJwt(stringOperand(BUILTIN, 1, token)));
}
