/**
 * Rego abstract syntax tree.
 *
 * The parser produces these nodes for both Rego v1 and v0 sources; the differences
 * between the two versions are settled in the parser, so later phases (checks, planner)
 * never look at the version again. Every node carries its source location so that any
 * phase can report a positioned diagnostic.
 *
 * Operators are not special nodes: `a + b` is a `Call` of `plus`, `a == b` a `Call` of
 * `equal`, `a = b` a `Call` of `eq` and `a := b` a `Call` of `assign`, `x in xs` a `Call`
 * of `internal.member_2` (and `k, v in xs` of `internal.member_3`), as OPA names them.
 * That keeps one code path for "evaluate a call" in the checks and the planner.
 */
import type { Location } from '../syntax/location';

export type RegoVersion = 'v0' | 'v1';

// ---------------------------------------------------------------------------
// Terms

export interface NullTerm {
  type: 'null';
  location: Location;
}

export interface BooleanTerm {
  type: 'boolean';
  value: boolean;
  location: Location;
}

/**
 * A number keeps its source text (JSON number syntax, sign included after folding a
 * unary minus) so that big or precise literals are not rounded by the front end; the
 * backend decides the runtime representation.
 */
export interface NumberTerm {
  type: 'number';
  text: string;
  location: Location;
}

/** A string literal, already unescaped (raw strings are taken verbatim). */
export interface StringTerm {
  type: 'string';
  value: string;
  location: Location;
}

/**
 * A variable. The wildcard `_` is renamed by the parser to a unique generated name
 * starting with `$` (e.g. `$_0`), which no user variable can spell; `generated` marks
 * such variables and any other variable a phase introduces.
 */
export interface VarTerm {
  type: 'var';
  name: string;
  generated?: boolean;
  location: Location;
}

/**
 * A reference: `head` followed by path operands. `input.a[x].b` is
 * `{head: var input, path: [string "a", var x, string "b"]}`. The head is usually a
 * variable (`input`, `data`, a local, an imported alias) but may be a composite term or
 * a call (`f(x).y`, `[1,2][i]`).
 */
export interface RefTerm {
  type: 'ref';
  head: Term;
  path: Term[];
  location: Location;
}

export interface ArrayTerm {
  type: 'array';
  items: Term[];
  location: Location;
}

export interface SetTerm {
  type: 'set';
  items: Term[];
  location: Location;
}

export interface ObjectTerm {
  type: 'object';
  entries: Array<[key: Term, value: Term]>;
  location: Location;
}

export interface ArrayComprehension {
  type: 'arraycomprehension';
  head: Term;
  body: Body;
  location: Location;
}

export interface SetComprehension {
  type: 'setcomprehension';
  head: Term;
  body: Body;
  location: Location;
}

export interface ObjectComprehension {
  type: 'objectcomprehension';
  key: Term;
  value: Term;
  body: Body;
  location: Location;
}

/**
 * A call of a built-in or user function. `operator` is the dotted name as written
 * (`["strings", "replace_n"]`, `["data", "lib", "f"]`, `["f"]`) — name resolution
 * (imports, package-local functions, builtins) happens in the checks.
 */
export interface CallTerm {
  type: 'call';
  operator: string[];
  args: Term[];
  location: Location;
}

export type ScalarTerm = NullTerm | BooleanTerm | NumberTerm | StringTerm;
export type ComprehensionTerm = ArrayComprehension | SetComprehension | ObjectComprehension;
export type Term =
  ScalarTerm | VarTerm | RefTerm | ArrayTerm | SetTerm | ObjectTerm | ComprehensionTerm | CallTerm;

// ---------------------------------------------------------------------------
// Body literals

/** `with <target> as <value>`; target is a ref to `input…`, `data…` or a function. */
export interface WithModifier {
  type: 'with';
  target: RefTerm | VarTerm;
  value: Term;
  location: Location;
}

/** An expression literal: a term whose value must be defined and not `false`. */
export interface ExprLiteral {
  type: 'expr';
  negated: boolean;
  term: Term;
  with: WithModifier[];
  location: Location;
}

/** `some x, y` — declares local variables. */
export interface SomeDeclLiteral {
  type: 'some';
  vars: VarTerm[];
  location: Location;
}

/** `some v in xs` / `some k, v in xs`; key and value may be any term (patterns). */
export interface SomeInLiteral {
  type: 'somein';
  key: Term | null;
  value: Term;
  collection: Term;
  with: WithModifier[];
  location: Location;
}

/** `every k, v in xs { body }` (key optional). */
export interface EveryLiteral {
  type: 'every';
  key: VarTerm | null;
  value: VarTerm;
  domain: Term;
  body: Body;
  with: WithModifier[];
  location: Location;
}

export type Literal = ExprLiteral | SomeDeclLiteral | SomeInLiteral | EveryLiteral;

/** A conjunction of literals. An empty body is `true`. */
export type Body = Literal[];

// ---------------------------------------------------------------------------
// Rules and modules

/**
 * What a rule defines:
 * - `complete`: `p := v`, `p = v`, `p if …` (value `true`), `a.b.c := v`;
 * - `set`: `p contains x`, and v0's `p[x] { … }` without a value;
 * - `object`: a ref head ending in a variable or term key with a value,
 *   `p[k] := v`, `a.b[x] := v`, v1's `p[x] if …` (value `true`);
 * - `function`: `f(x) := v`, `f(x) if …`.
 */
export type RuleKind = 'complete' | 'set' | 'object' | 'function';

export interface RuleHead {
  /**
   * The rule's reference relative to its package: `p` → `[string "p"]`,
   * `a.b[x]` → `[string "a", string "b", var x]`. The first element is always a
   * string term (the rule name).
   */
  ref: Term[];
  /** Function parameters (patterns allowed), only for `function` rules. */
  args: Term[] | null;
  /** The element of a `set` rule (`contains x`, v0 `p[x]`). */
  key: Term | null;
  /** The value; `null` when the source gave none (then the value is `true`). */
  value: Term | null;
  /** `:=` (true) or `=`/implicit (false). */
  assign: boolean;
  location: Location;
}

/** One `else [= value] [if] { body }` link of an else chain. */
export interface ElseClause {
  value: Term | null;
  body: Body;
  location: Location;
}

export interface Rule {
  type: 'rule';
  kind: RuleKind;
  isDefault: boolean;
  head: RuleHead;
  /** Empty for `p := 1` (always true). */
  body: Body;
  elseChain: ElseClause[];
  /** Path of the rule's package below `data` (`["a", "b"]` for `package a.b`). */
  packagePath: string[];
  location: Location;
}

export interface Import {
  type: 'import';
  /** `data.a.b`, `input.x`, `future.keywords.in`, `rego.v1` — as a ref term. */
  path: RefTerm | VarTerm;
  alias: string | null;
  location: Location;
}

export interface Package {
  type: 'package';
  /** Path below `data`: `package a.b` → `["a", "b"]`. */
  path: string[];
  location: Location;
}

export interface Module {
  type: 'module';
  file: string;
  /** The effective version: `v0` source that imports `rego.v1` is marked `v1`. */
  regoVersion: RegoVersion;
  package: Package;
  imports: Import[];
  rules: Rule[];
}

/** A query (e.g. `data.x.y = v`): a body with no package. */
export interface Query {
  type: 'query';
  file: string;
  body: Body;
}
