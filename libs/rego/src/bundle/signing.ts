/**
 * Bundle signatures in OPA's format: `/.signatures.json` is `{"signatures": ["<JWS>"]}`
 * holding one compact JWS whose payload lists every other file of the bundle —
 * `{"files": [{"name", "hash", "algorithm": "SHA-256"}], "keyid"?, "scope"?}` — signed with
 * RS256 or ES256 (jose). The key id goes into the JWS header (`kid`) and, as OPA still
 * writes it for older readers, into the payload (`keyid`).
 */
import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { CompactSign, compactVerify } from 'jose';
import { BundleError } from './bundle-error';

export type SigningAlgorithm = 'RS256' | 'ES256';
export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ['RS256', 'ES256'];

export interface SignedFile {
  name: string;
  hash: string;
  algorithm: string;
}

export interface SigningOptions {
  /** PEM text (PKCS#8, PKCS#1 or SEC1) or a KeyObject. */
  privateKey: string | KeyObject;
  algorithm: SigningAlgorithm;
  keyId?: string;
  scope?: string;
}

export interface SignaturePayload {
  files: SignedFile[];
  keyid?: string;
  scope?: string;
}

export async function signFiles(files: SignedFile[], options: SigningOptions): Promise<string> {
  if (!SIGNING_ALGORITHMS.includes(options.algorithm))
    throw new BundleError(
      `signing algorithm must be RS256 or ES256, got ${String(options.algorithm)}`,
    );
  const key = toPrivateKey(options.privateKey);
  checkKeyFits(key, options.algorithm);
  const payload: SignaturePayload = { files };
  if (options.keyId) payload.keyid = options.keyId;
  if (options.scope) payload.scope = options.scope;
  try {
    return await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({
        alg: options.algorithm,
        ...(options.keyId ? { kid: options.keyId } : {}),
      })
      .sign(key);
  } catch (error) {
    throw new BundleError(`cannot sign with this ${options.algorithm} key: ${message(error)}`);
  }
}

/** Verifies the JWS with `publicKey` (algorithm fixed by the key type unless given). */
export async function verifySignature(
  token: string,
  publicKey: string | KeyObject | JsonWebKey,
  algorithm?: SigningAlgorithm,
): Promise<{ payload: SignaturePayload; keyId: string | undefined }> {
  const key = toPublicKey(publicKey);
  const expected = algorithm ?? algorithmOf(key);
  let verified;
  try {
    verified = await compactVerify(token, key, { algorithms: [expected] });
  } catch (error) {
    throw new BundleError(`bundle signature does not verify: ${message(error)}`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(verified.payload));
  } catch {
    throw new BundleError('bundle signature payload is not JSON');
  }
  if (
    typeof payload !== 'object' ||
    payload === null ||
    !Array.isArray((payload as SignaturePayload).files)
  )
    throw new BundleError('bundle signature payload has no files list');
  const signed = payload as SignaturePayload;
  return { payload: signed, keyId: verified.protectedHeader.kid ?? signed.keyid };
}

/** jose's own message for a mismatched key names JWK parameters; say what to change instead. */
function checkKeyFits(key: KeyObject, algorithm: SigningAlgorithm): void {
  const type = key.asymmetricKeyType;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (algorithm === 'RS256' && type !== 'rsa')
    throw new BundleError(
      `RS256 needs an RSA private key, the signing key is of type ${String(type)} (use ES256 for a P-256 EC key)`,
    );
  if (algorithm === 'ES256' && (type !== 'ec' || curve !== 'prime256v1'))
    throw new BundleError(
      `ES256 needs a P-256 EC private key, the signing key is of type ${String(type)}${curve ? ` (curve ${curve})` : ''}`,
    );
}

function toPrivateKey(key: string | KeyObject): KeyObject {
  if (typeof key !== 'string') return key;
  try {
    return createPrivateKey(key);
  } catch (error) {
    throw new BundleError(`signing key is not a PEM private key: ${message(error)}`);
  }
}

function toPublicKey(key: string | KeyObject | JsonWebKey): KeyObject {
  if (typeof key === 'object' && 'type' in key && typeof (key as KeyObject).export === 'function')
    return (key as KeyObject).type === 'private'
      ? createPublicKey(key as KeyObject)
      : (key as KeyObject);
  try {
    return typeof key === 'string'
      ? createPublicKey(key)
      : createPublicKey({ key: key as JsonWebKey, format: 'jwk' });
  } catch (error) {
    throw new BundleError(`verification key is not a public key (PEM or JWK): ${message(error)}`);
  }
}

function algorithmOf(key: KeyObject): SigningAlgorithm {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec') return 'ES256';
  throw new BundleError(`verification key type ${String(key.asymmetricKeyType)} is not RSA or EC`);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
