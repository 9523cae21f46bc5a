import type { KeyObject } from 'node:crypto';
import { BuiltinError } from '../builtin-error';
import { decodeBase64 } from './base64-strict';
import { evaluationScoped } from './evaluation-scope';
import { define, type HostRegistry } from './host-builtin';
import { decodeJwt, splitToken } from './jwt';
import { verificationKeys } from './jwt-keys';
import { ALGORITHMS, verifySignature } from './jwt-verify';
import { isJsonObject, objectOperand, stringOperand } from './operands';

const CONSTRAINTS = new Set(['cert', 'secret', 'alg', 'iss', 'aud', 'time']);

function keysFor(builtin: string, material: string): KeyObject[] {
  try {
    return verificationKeys(material);
  } catch (error) {
    throw new BuiltinError(builtin, (error as Error).message);
  }
}

/** Signature check of `token` with `algorithm`, by any of the keys or the secret. */
function signatureValid(
  builtin: string,
  token: string,
  algorithm: string,
  keys: Array<KeyObject | Buffer>,
): boolean {
  const [header, payload, signaturePart] = splitToken(builtin, token);
  const signature = decodeBase64(signaturePart, true);
  if (!signature)
    throw new BuiltinError(builtin, 'JWT signature had invalid encoding: illegal base64 data');
  return keys.some((key) => verifySignature(algorithm, `${header}.${payload}`, signature, key));
}

function defineVerify(into: HostRegistry, algorithm: string): void {
  const name = `io.jwt.verify_${algorithm === 'EdDSA' ? 'eddsa' : algorithm.toLowerCase()}`;
  const hmac = ALGORITHMS[algorithm].family === 'hmac';
  define(into, name, 2, (token: unknown, material: unknown) => {
    const jwt = stringOperand(name, 1, token);
    const secretOrCertificate = stringOperand(name, 2, material);
    const keys = hmac
      ? [Buffer.from(secretOrCertificate, 'utf8')]
      : keysFor(name, secretOrCertificate);
    return signatureValid(name, jwt, algorithm, keys);
  });
}

const INVALID: [boolean, Record<string, unknown>, Record<string, unknown>] = [false, {}, {}];

/** OPA's io.jwt.decode_verify: signature plus alg/iss/aud/exp/nbf constraints; [false, {}, {}] when not valid. */
function decodeVerify(token: unknown, constraintsValue: unknown): unknown {
  const name = 'io.jwt.decode_verify';
  const jwt = stringOperand(name, 1, token);
  const constraints = objectOperand(name, 2, constraintsValue);
  for (const key of Object.keys(constraints)) {
    if (!CONSTRAINTS.has(key))
      throw new BuiltinError(name, `unknown token validation constraint: ${key}`);
  }
  const { cert, secret, alg, iss, aud, time } = constraints;
  if ((cert === undefined) === (secret === undefined)) {
    throw new BuiltinError(name, "exactly one of the constraints 'cert' and 'secret' is required");
  }
  const [header, payload] = decodeJwt(jwt);
  const algorithm = header.alg;
  if (typeof algorithm !== 'string' || !ALGORITHMS[algorithm]) return INVALID;
  if (alg !== undefined && alg !== algorithm) return INVALID;
  const keys =
    typeof secret === 'string'
      ? [Buffer.from(secret, 'utf8')]
      : keysFor(name, stringOperand(name, 2, cert));
  if (!signatureValid(name, jwt, algorithm, keys)) return INVALID;

  const nowNanos =
    typeof time === 'number'
      ? time
      : evaluationScoped('time.now_ns', () => Number(BigInt(Date.now()) * 1_000_000n));
  if (typeof payload.exp === 'number' && nowNanos >= payload.exp * 1e9) return INVALID;
  if (typeof payload.nbf === 'number' && nowNanos < payload.nbf * 1e9) return INVALID;
  if (iss !== undefined && payload.iss !== iss) return INVALID;
  // A token with an audience needs a matching constraint; a constraint needs a token audience.
  if (payload.aud !== undefined || aud !== undefined) {
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (aud === undefined || !audiences.includes(aud)) return INVALID;
  }
  return isJsonObject(payload) ? [true, header, payload] : INVALID;
}

/** Registers io.jwt.verify_* (HS/RS/PS/ES 256-512, EdDSA) and io.jwt.decode_verify. */
export function register(into: HostRegistry): void {
  for (const algorithm of Object.keys(ALGORITHMS)) defineVerify(into, algorithm);
  define(into, 'io.jwt.decode_verify', 2, decodeVerify);
}
