import { signature, type BuiltinSignature } from '../builtin-signature';
import { T } from '../type-spec';

const stringOrStrings = T.anyOf(T.string, T.array(T.string), T.set(T.string));
const stringToString = (name: string) => signature(name, [T.string], T.string);
const twoStrings = (name: string, result = T.string) =>
  signature(name, [T.string, T.string], result);

/** Strings, regular expressions and globs. */
export const STRING_SIGNATURES: BuiltinSignature[] = [
  signature('concat', [T.string, T.anyOf(T.array(T.string), T.set(T.string))], T.string),
  twoStrings('contains', T.boolean),
  twoStrings('startswith', T.boolean),
  twoStrings('endswith', T.boolean),
  twoStrings('indexof', T.number),
  twoStrings('indexof_n', T.array(T.number)),
  stringToString('lower'),
  stringToString('upper'),
  signature('replace', [T.string, T.string, T.string], T.string),
  twoStrings('split', T.array(T.string)),
  signature('sprintf', [T.string, T.array()], T.string),
  signature('substring', [T.string, T.number, T.number], T.string),
  twoStrings('trim'),
  twoStrings('trim_left'),
  twoStrings('trim_right'),
  twoStrings('trim_prefix'),
  twoStrings('trim_suffix'),
  stringToString('trim_space'),
  signature('strings.any_prefix_match', [stringOrStrings, stringOrStrings], T.boolean),
  signature('strings.any_suffix_match', [stringOrStrings, stringOrStrings], T.boolean),
  twoStrings('strings.count', T.number),
  signature('strings.render_template', [T.string, T.object(T.string, T.any)], T.string),
  signature('strings.replace_n', [T.object(T.string, T.string), T.string], T.string),
  stringToString('strings.reverse'),
  signature('strings.split_n', [T.string, T.string, T.number], T.array(T.string)),

  twoStrings('regex.match', T.boolean),
  signature('re_match', [T.string, T.string], T.boolean, { deprecated: true }),
  signature('regex.is_valid', [T.string], T.boolean),
  signature('regex.find_n', [T.string, T.string, T.number], T.array(T.string)),
  signature(
    'regex.find_all_string_submatch_n',
    [T.string, T.string, T.number],
    T.array(T.array(T.string)),
  ),
  twoStrings('regex.split', T.array(T.string)),
  signature('regex.replace', [T.string, T.string, T.string], T.string),
  signature('regex.template_match', [T.string, T.string, T.string, T.string], T.boolean),
  twoStrings('regex.globs_match', T.boolean),

  signature('glob.match', [T.string, T.anyOf(T.null, T.array(T.string)), T.string], T.boolean),
  stringToString('glob.quote_meta'),
];
