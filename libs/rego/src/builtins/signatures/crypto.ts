import { signature, type BuiltinSignature } from '../builtin-signature';
import { T } from '../type-spec';

const stringObject = T.object(T.string, T.any);
const anyObject = T.object();
const digest = (name: string) => signature(name, [T.string], T.string);
const hmac = (name: string) => signature(name, [T.string, T.string], T.string);
const verify = (name: string) => signature(name, [T.string, T.string], T.boolean);

/** Hashes, HMACs, X.509 and JSON Web Tokens. */
export const CRYPTO_SIGNATURES: BuiltinSignature[] = [
  digest('crypto.md5'),
  digest('crypto.sha1'),
  digest('crypto.sha256'),
  hmac('crypto.hmac.md5'),
  hmac('crypto.hmac.sha1'),
  hmac('crypto.hmac.sha256'),
  hmac('crypto.hmac.sha512'),
  signature('crypto.hmac.equal', [T.string, T.string], T.boolean),
  signature('crypto.x509.parse_certificates', [T.string], T.array(stringObject)),
  signature(
    'crypto.x509.parse_and_verify_certificates',
    [T.string],
    T.tuple(T.boolean, T.array(stringObject)),
  ),
  signature(
    'crypto.x509.parse_and_verify_certificates_with_options',
    [T.string, stringObject],
    T.tuple(T.boolean, T.array(stringObject)),
  ),
  signature('crypto.x509.parse_certificate_request', [T.string], stringObject),
  signature('crypto.x509.parse_keypair', [T.string, T.string], stringObject),
  signature('crypto.x509.parse_rsa_private_key', [T.string], stringObject),
  signature('crypto.parse_private_keys', [T.string], T.array(stringObject)),

  signature('io.jwt.decode', [T.string], T.tuple(anyObject, anyObject, T.string)),
  signature(
    'io.jwt.decode_verify',
    [T.string, stringObject],
    T.tuple(T.boolean, anyObject, anyObject),
    {
      nondeterministic: true,
    },
  ),
  signature('io.jwt.encode_sign', [stringObject, stringObject, stringObject], T.string, {
    nondeterministic: true,
  }),
  signature('io.jwt.encode_sign_raw', [T.string, T.string, T.string], T.string, {
    nondeterministic: true,
  }),
  ...['rs', 'ps', 'es', 'hs'].flatMap((family) =>
    ['256', '384', '512'].map((bits) => verify(`io.jwt.verify_${family}${bits}`)),
  ),
  verify('io.jwt.verify_eddsa'),
];
