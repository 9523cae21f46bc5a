import { signature, type BuiltinSignature } from '../builtin-signature';
import { T } from '../type-spec';

const stringToString = (name: string) => signature(name, [T.string], T.string);
const isValid = (name: string) => signature(name, [T.string], T.boolean);
const schema = T.anyOf(T.string, T.object());
const schemaError = T.object(T.any, T.any, {
  desc: T.string,
  error: T.string,
  field: T.string,
  type: T.string,
});

/** Base64, hex, URL query, JSON, YAML, URIs and JSON schema. */
export const ENCODING_SIGNATURES: BuiltinSignature[] = [
  stringToString('base64.encode'),
  stringToString('base64.decode'),
  isValid('base64.is_valid'),
  stringToString('base64url.encode'),
  stringToString('base64url.encode_no_pad'),
  stringToString('base64url.decode'),
  stringToString('hex.encode'),
  stringToString('hex.decode'),

  stringToString('urlquery.encode'),
  stringToString('urlquery.decode'),
  signature(
    'urlquery.encode_object',
    [T.object(T.string, T.anyOf(T.string, T.array(T.string), T.set(T.string)))],
    T.string,
  ),
  signature('urlquery.decode_object', [T.string], T.object(T.string, T.array(T.string))),

  signature('json.marshal', [T.any], T.string),
  signature(
    'json.marshal_with_options',
    [T.any, T.object(T.string, T.any, { indent: T.string, prefix: T.string, pretty: T.boolean })],
    T.string,
  ),
  signature('json.unmarshal', [T.string], T.any),
  isValid('json.is_valid'),
  signature('json.verify_schema', [schema], T.tuple(T.boolean, T.anyOf(T.null, T.string))),
  signature('json.match_schema', [schema, schema], T.tuple(T.boolean, T.array(schemaError))),

  signature('yaml.marshal', [T.any], T.string),
  signature('yaml.unmarshal', [T.string], T.any),
  isValid('yaml.is_valid'),

  isValid('uri.is_valid'),
  signature('uri.parse', [T.string], T.object(T.string, T.string)),
];
