import { signature, type BuiltinSignature } from '../builtin-signature';
import { T } from '../type-spec';

const unary = (name: string) => signature(name, [T.number], T.number);
const binary = (name: string) => signature(name, [T.number, T.number], T.number);
const typeTest = (name: string) => signature(name, [T.any], T.boolean);

/** Numbers, bit operations, type tests and (deprecated) casts. */
export const NUMBER_AND_TYPE_SIGNATURES: BuiltinSignature[] = [
  unary('abs'),
  unary('ceil'),
  unary('floor'),
  unary('round'),
  signature('numbers.range', [T.number, T.number], T.array(T.number)),
  signature('numbers.range_step', [T.number, T.number, T.number], T.array(T.number)),
  signature('rand.intn', [T.string, T.number], T.number, { nondeterministic: true }),
  signature('format_int', [T.number, T.number], T.string),
  signature('to_number', [T.anyOf(T.null, T.boolean, T.number, T.string)], T.number),

  binary('bits.and'),
  binary('bits.or'),
  binary('bits.xor'),
  binary('bits.lsh'),
  binary('bits.rsh'),
  unary('bits.negate'),

  typeTest('is_array'),
  typeTest('is_boolean'),
  typeTest('is_null'),
  typeTest('is_number'),
  typeTest('is_object'),
  typeTest('is_set'),
  typeTest('is_string'),
  signature('type_name', [T.any], T.string),

  signature('cast_array', [T.any], T.array(), { deprecated: true }),
  signature('cast_boolean', [T.any], T.boolean, { deprecated: true }),
  signature('cast_null', [T.any], T.null, { deprecated: true }),
  signature('cast_object', [T.any], T.object(), { deprecated: true }),
  signature('cast_set', [T.any], T.set(), { deprecated: true }),
  signature('cast_string', [T.any], T.string, { deprecated: true }),

  signature('units.parse', [T.string], T.number),
  signature('units.parse_bytes', [T.string], T.number),
  signature('semver.compare', [T.string, T.string], T.number),
  signature('semver.is_valid', [T.any], T.boolean),
];
