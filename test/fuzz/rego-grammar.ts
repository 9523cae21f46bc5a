/**
 * A grammar-aware generator of Rego v1 modules. Most of what it writes parses, so the
 * checker, planner and code generator see many shapes the corpora never combine: nested
 * comprehensions, `every` in `with`, calls on sets, chains of `else`, and so on. Names come
 * from small pools on purpose, so rules collide, recurse and conflict.
 */
import fc from 'fast-check';

const VARIABLES = ['x', 'y', 'k', 'v', '_'];
const RULE_NAMES = ['p', 'q', 'r', 'allow'];
const FUNCTION_NAMES = ['f', 'g'];
/** Built-ins with their arity: a wrong arity only ever reaches the checker's first error. */
const BUILTIN_CALLS: Array<[string, number]> = [
  ['count', 1],
  ['sum', 1],
  ['max', 1],
  ['sort', 1],
  ['is_number', 1],
  ['to_number', 1],
  ['abs', 1],
  ['lower', 1],
  ['concat', 2],
  ['array.concat', 2],
  ['object.get', 3],
  ['startswith', 2],
  ['sprintf', 2],
  ['json.marshal', 1],
  ['split', 2],
  ['union', 1],
  ['numbers.range', 2],
  ['type_name', 1],
  ['contains', 2],
  ['trim', 2],
  ['f', 1],
  ['g', 1],
];
const COMPARISONS = ['==', '!=', '<', '<=', '>', '>=', '='];
const ARITHMETIC = ['+', '-', '*', '/', '%', '&', '|'];

const scalar = fc.oneof(
  fc.constantFrom('null', 'true', 'false', '0', '-1', '1.5', '1e308', '9007199254740993', '""'),
  fc.integer({ min: -50, max: 50 }).map(String),
  fc.constantFrom('"a"', '"acme"', '`raw`', '"\\n\\u00e9"'),
);
const reference = fc
  .tuple(
    fc.constantFrom('input', 'data', 'data.fuzz', ...VARIABLES, ...RULE_NAMES),
    fc.array(
      fc.oneof(
        fc.constantFrom('.a', '.b', '.tenants', '[0]', '["k"]'),
        fc.constantFrom(...VARIABLES).map((name) => `[${name}]`),
      ),
      { maxLength: 3 },
    ),
  )
  .map(([head, path]) => head + path.join(''));

interface Grammar {
  term: string;
  expression: string;
  body: string;
}

const grammar = fc.letrec<Grammar>((tie) => ({
  term: fc.oneof(
    { depthSize: 'xsmall', maxDepth: 3, withCrossShrink: true },
    scalar,
    scalar,
    reference,
    reference,
    fc.array(tie('term'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc.array(tie('term'), { minLength: 1, maxLength: 3 }).map((items) => `{${items.join(', ')}}`),
    fc
      .array(fc.tuple(tie('term'), tie('term')), { maxLength: 3 })
      .map((pairs) => `{${pairs.map(([key, value]) => `${key}: ${value}`).join(', ')}}`),
    fc.tuple(tie('term'), tie('body')).map(([head, body]) => `[${head} | ${body}]`),
    fc.tuple(tie('term'), tie('body')).map(([head, body]) => `{${head} | ${body}}`),
    fc
      .tuple(tie('term'), tie('term'), tie('body'))
      .map(([key, value, body]) => `{${key}: ${value} | ${body}}`),
    fc
      .tuple(
        fc.constantFrom(...BUILTIN_CALLS),
        fc.array(tie('term'), { minLength: 3, maxLength: 3 }),
      )
      .map(([[name, arity], args]) => `${name}(${args.slice(0, arity).join(', ')})`),
    fc
      .tuple(tie('term'), fc.constantFrom(...ARITHMETIC), tie('term'))
      .map(([left, op, right]) => `(${left} ${op} ${right})`),
  ),
  expression: fc.oneof(
    { depthSize: 'xsmall', maxDepth: 3, withCrossShrink: true },
    // Loosely typed ties are Arbitrary<unknown>; every rule here builds strings.
    tie('term') as fc.Arbitrary<string>,
    tie('term') as fc.Arbitrary<string>,
    fc
      .tuple(tie('term'), fc.constantFrom(...COMPARISONS), tie('term'))
      .map(([left, op, right]) => `${left} ${op} ${right}`),
    fc
      .tuple(fc.constantFrom(...VARIABLES), tie('term'))
      .map(([name, value]) => `${name} := ${value}`),
    fc
      .tuple(fc.constantFrom(...VARIABLES), tie('term'))
      .map(([name, value]) => `some ${name} in ${value}`),
    fc.tuple(tie('term')).map(([value]) => `some k, v in ${value}`),
    fc.constantFrom(...VARIABLES).map((name) => `some ${name}`),
    // `not` takes a plain expression: `not some …` and `not every …` are parse errors.
    tie('term').map((inner) => `not ${inner}`),
    fc
      .tuple(tie('term'), tie('body'))
      .map(([domain, body]) => `every k, v in ${domain} { ${body} }`),
    fc
      .tuple(tie('term'), fc.constantFrom('input', 'data.fuzz.p', 'count'), scalar)
      .map(([inner, target, value]) => `${inner} with ${target} as ${value}`),
  ),
  body: fc
    .array(tie('expression'), { minLength: 1, maxLength: 3 })
    .map((expressions) => expressions.join('; ')),
}));

const rule = fc.oneof(
  fc
    .tuple(fc.constantFrom(...RULE_NAMES), grammar.body)
    .map(([name, body]) => `${name} if { ${body} }`),
  fc
    .tuple(fc.constantFrom(...RULE_NAMES), grammar.term, grammar.body)
    .map(([name, value, body]) => `${name} := ${value} if { ${body} }`),
  fc
    .tuple(fc.constantFrom(...RULE_NAMES), grammar.term)
    .map(([name, value]) => `${name} := ${value}`),
  fc
    .tuple(fc.constantFrom(...RULE_NAMES), grammar.term, grammar.body)
    .map(([name, value, body]) => `${name} contains ${value} if { ${body} }`),
  fc
    .tuple(fc.constantFrom(...RULE_NAMES), grammar.term, grammar.term, grammar.body)
    .map(([name, key, value, body]) => `${name}[${key}] := ${value} if { ${body} }`),
  fc
    .tuple(
      fc.constantFrom(...FUNCTION_NAMES),
      fc.constantFrom('x', 'x, y', '[x, _]'),
      grammar.term,
      grammar.body,
    )
    .map(([name, params, value, body]) => `${name}(${params}) := ${value} if { ${body} }`),
  fc
    .tuple(fc.constantFrom(...RULE_NAMES), scalar)
    .map(([name, value]) => `default ${name} := ${value}`),
  fc
    .tuple(fc.constantFrom(...RULE_NAMES), grammar.term, grammar.body, grammar.term, grammar.body)
    .map(
      ([name, first, firstBody, second, secondBody]) =>
        `${name} := ${first} if { ${firstBody} } else := ${second} if { ${secondBody} }`,
    ),
);

/** A whole module: a package under `fuzz` and 1–4 rules. */
export const regoModuleArbitrary: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(
      'package fuzz',
      'package fuzz.p',
      'package fuzz\nimport rego.v1',
      'package fuzz\nimport data.fuzz.p as alias',
    ),
    fc.array(rule, { minLength: 1, maxLength: 4 }),
  )
  .map(([header, rules]) => `${header}\n\n${rules.join('\n')}\n`);
