import { signature, type BuiltinSignature } from '../builtin-signature';
import { T } from '../type-spec';

const anyObject = T.object();
const stringObject = T.object(T.string, T.any);
const schema = T.anyOf(T.string, anyObject);
const cidrMatchInput = T.anyOf(
  T.string,
  T.array(T.anyOf(T.string, T.array())),
  T.object(T.string, T.anyOf(T.string, T.array())),
  T.set(T.anyOf(T.string, T.array())),
);

/** Networks, UUIDs, HTTP, GraphQL, the runtime, Rego metadata and debugging aids. */
export const SYSTEM_SIGNATURES: BuiltinSignature[] = [
  signature('net.cidr_contains', [T.string, T.string], T.boolean),
  signature('net.cidr_intersects', [T.string, T.string], T.boolean),
  signature('net.cidr_overlap', [T.string, T.string], T.boolean, { deprecated: true }),
  signature(
    'net.cidr_contains_matches',
    [cidrMatchInput, cidrMatchInput],
    T.set(T.tuple(T.any, T.any)),
  ),
  signature('net.cidr_expand', [T.string], T.set(T.string)),
  signature('net.cidr_is_valid', [T.string], T.boolean),
  signature('net.cidr_merge', [T.anyOf(T.array(T.string), T.set(T.string))], T.set(T.string)),
  signature('net.lookup_ip_addr', [T.string], T.set(T.string), {
    nondeterministic: true,
    network: true,
  }),

  signature('uuid.rfc4122', [T.string], T.string, { nondeterministic: true }),
  signature('uuid.parse', [T.string], stringObject),

  signature('http.send', [stringObject], anyObject, { nondeterministic: true, network: true }),
  signature('opa.runtime', [], stringObject, { nondeterministic: true, network: true }),
  signature('providers.aws.sign_req', [stringObject, stringObject, T.number], anyObject),

  signature('graphql.is_valid', [schema, schema], T.boolean),
  signature('graphql.parse', [schema, schema], T.tuple(anyObject, anyObject)),
  signature('graphql.parse_and_verify', [schema, schema], T.tuple(T.boolean, anyObject, anyObject)),
  signature('graphql.parse_query', [T.string], anyObject),
  signature('graphql.parse_schema', [T.string], anyObject),
  signature('graphql.schema_is_valid', [schema], T.boolean),

  signature('rego.metadata.chain', [], T.array()),
  signature('rego.metadata.rule', [], T.any),
  signature('rego.parse_module', [T.string, T.string], stringObject),

  signature('trace', [T.string], T.boolean),
  signature('print', [], T.boolean, { variadic: T.any, noResult: true }),
  signature('internal.print', [T.array(T.set())], T.boolean, { noResult: true }),
  signature('internal.test_case', [T.array()], T.boolean, { noResult: true }),
  signature('internal.template_string', [T.array()], T.string),
];
