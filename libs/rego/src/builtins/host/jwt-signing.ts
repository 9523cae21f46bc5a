import { createHmac, createPrivateKey, constants, sign, type KeyObject } from 'node:crypto';
import { BuiltinError } from '../builtin-error';
import { define, type HostRegistry } from './host-builtin';
import { ALGORITHMS } from './jwt-verify';
import { isJsonObject, objectOperand, stringOperand } from './operands';
import { compareStrings } from './values';

/** Compact JSON with sorted keys, as Go's json.Marshal writes maps. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort(compareStrings);
    return `{${keys.map((key) => `${JSON.stringify(key)}:${sortedJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function signingKey(builtin: string, jwk: Record<string, unknown>): Buffer | KeyObject {
  if (jwk.kty === 'oct') {
    if (typeof jwk.k !== 'string')
      throw new BuiltinError(builtin, 'symmetric JWK needs a "k" member');
    return Buffer.from(jwk.k, 'base64url');
  }
  try {
    return createPrivateKey({ key: jwk as never, format: 'jwk' });
  } catch (error) {
    throw new BuiltinError(builtin, `invalid JWK: ${(error as Error).message}`);
  }
}

/** Signs `header.payload` (both already base64url) with the algorithm the header names. */
function signToken(
  builtin: string,
  headerJson: string,
  payloadJson: string,
  jwk: Record<string, unknown>,
): string {
  let header: unknown;
  try {
    header = JSON.parse(headerJson);
  } catch {
    throw new BuiltinError(builtin, 'header is not valid JSON');
  }
  const algorithm = isJsonObject(header) ? header.alg : undefined;
  const spec = typeof algorithm === 'string' ? ALGORITHMS[algorithm] : undefined;
  if (!spec)
    throw new BuiltinError(builtin, `unsupported or missing "alg": ${JSON.stringify(algorithm)}`);
  const input = `${Buffer.from(headerJson).toString('base64url')}.${Buffer.from(payloadJson).toString('base64url')}`;
  const data = Buffer.from(input, 'utf8');
  const key = signingKey(builtin, jwk);
  let signature: Buffer;
  try {
    if (spec.family === 'hmac') {
      if (!Buffer.isBuffer(key)) throw new Error(`${algorithm} needs a symmetric (oct) key`);
      signature = createHmac(spec.hash!, key).update(data).digest();
    } else {
      if (Buffer.isBuffer(key)) throw new Error(`${algorithm} needs a private key`);
      const options =
        spec.family === 'pss'
          ? {
              key,
              padding: constants.RSA_PKCS1_PSS_PADDING,
              saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
            }
          : spec.family === 'ecdsa'
            ? { key, dsaEncoding: 'ieee-p1363' as const }
            : key;
      signature = sign(spec.hash, data, options);
    }
  } catch (error) {
    throw new BuiltinError(builtin, (error as Error).message);
  }
  return `${input}.${signature.toString('base64url')}`;
}

/** Registers io.jwt.encode_sign (objects, written with sorted keys) and io.jwt.encode_sign_raw (JSON text). */
export function register(into: HostRegistry): void {
  define(into, 'io.jwt.encode_sign', 3, (headers: unknown, payload: unknown, key: unknown) => {
    const name = 'io.jwt.encode_sign';
    return signToken(
      name,
      sortedJson(objectOperand(name, 1, headers)),
      sortedJson(objectOperand(name, 2, payload)),
      objectOperand(name, 3, key),
    );
  });
  define(into, 'io.jwt.encode_sign_raw', 3, (headers: unknown, payload: unknown, key: unknown) => {
    const name = 'io.jwt.encode_sign_raw';
    let jwk: unknown;
    try {
      jwk = JSON.parse(stringOperand(name, 3, key));
    } catch (error) {
      if (error instanceof BuiltinError) throw error;
      throw new BuiltinError(name, 'key is not valid JSON');
    }
    if (!isJsonObject(jwk)) throw new BuiltinError(name, 'key must be a JWK object');
    return signToken(name, stringOperand(name, 1, headers), stringOperand(name, 2, payload), jwk);
  });
}
