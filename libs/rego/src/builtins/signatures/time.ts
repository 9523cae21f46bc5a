import { signature, type BuiltinSignature } from '../builtin-signature';
import { T } from '../type-spec';

/** A time argument: nanoseconds since the epoch, or `[ns, timezone]`. */
const instant = T.anyOf(T.number, T.tuple(T.number, T.string));
const threeNumbers = T.tuple(T.number, T.number, T.number);

/** Time. */
export const TIME_SIGNATURES: BuiltinSignature[] = [
  signature('time.now_ns', [], T.number, { nondeterministic: true }),
  signature('time.parse_ns', [T.string, T.string], T.number),
  signature('time.parse_rfc3339_ns', [T.string], T.number),
  signature('time.parse_duration_ns', [T.string], T.number),
  signature(
    'time.format',
    [T.anyOf(T.number, T.tuple(T.number, T.string), T.tuple(T.number, T.string, T.string))],
    T.string,
  ),
  signature('time.date', [instant], threeNumbers),
  signature('time.clock', [instant], threeNumbers),
  signature('time.weekday', [instant], T.string),
  signature('time.add_date', [T.number, T.number, T.number, T.number], T.number),
  signature(
    'time.diff',
    [instant, instant],
    T.tuple(T.number, T.number, T.number, T.number, T.number, T.number),
  ),
];
