import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { JWSHeaderParameters } from 'jose';
import { KeySourceSetupError } from '../../errors/key-source-setup.error';
import {
  KeyNotFoundError,
  type JwtKeySource,
  type VerificationKey,
} from './jwt-key-source.interface';

const PEM_PUBLIC_KEY = /-----BEGIN (PUBLIC KEY|CERTIFICATE)-----/;
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/**
 * One public key from a PEM file: an SPKI `PUBLIC KEY` block or an X.509 `CERTIFICATE`
 * (its subject key is used; the certificate chain is not validated, the file is trusted
 * configuration). The `kid` of tokens is ignored since there is only one key.
 */
export class PemPublicKeySource implements JwtKeySource {
  private constructor(private readonly key: KeyObject) {}

  static fromFile(path: string): PemPublicKeySource {
    let pem: string;
    try {
      pem = readFileSync(path, 'utf8');
    } catch (error) {
      throw KeySourceSetupError.create(
        `auth.public_key_file "${path}" could not be read (${(error as Error).message})`,
        'Point auth.public_key_file (CORESDK_AUTH_PUBLIC_KEY_FILE) at a readable PEM file',
      );
    }
    if (PEM_PRIVATE_KEY.test(pem) || !PEM_PUBLIC_KEY.test(pem)) {
      // createPublicKey would quietly derive a public key from a private one; a private
      // key in a verifier's configuration is a leak waiting to happen, so refuse it.
      throw KeySourceSetupError.create(
        `auth.public_key_file "${path}" is not a PEM public key or certificate`,
        'Give the "-----BEGIN PUBLIC KEY-----" (SPKI) or "-----BEGIN CERTIFICATE-----" ' +
          'file of the token issuer; never its private key',
      );
    }
    try {
      return new PemPublicKeySource(createPublicKey({ key: pem, format: 'pem' }));
    } catch (error) {
      throw KeySourceSetupError.create(
        `auth.public_key_file "${path}" could not be parsed (${(error as Error).message})`,
        'Export the key again as SPKI PEM, e.g. `openssl pkey -pubout -in key.pem`',
      );
    }
  }

  async resolveKey(header: JWSHeaderParameters): Promise<VerificationKey> {
    if (typeof header.alg !== 'string' || header.alg.startsWith('HS')) {
      throw new KeyNotFoundError('unsupported-alg');
    }
    return this.key;
  }

  isKeyCurrent(): boolean {
    return true;
  }
}
