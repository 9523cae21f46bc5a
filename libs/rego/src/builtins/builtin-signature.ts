import type { TypeSpec } from './type-spec';

/** The declaration of one built-in: what the checker, the planner and capabilities need. */
export interface BuiltinSignature {
  /** Rego name, dotted as written in policies (`strings.replace_n`, `plus`, `internal.member_2`). */
  name: string;
  /** Positional argument types (empty for `time.now_ns`, `opa.runtime`). */
  args: TypeSpec[];
  /** Result type. For `noResult` built-ins (print) this is `boolean`: the call only succeeds. */
  result: TypeSpec;
  /** When set, the built-in takes any number of arguments of this type instead of `args` (print). */
  variadic?: TypeSpec;
  /** The declaration has no result: the call is a statement that always succeeds (print, internal.print). */
  noResult?: true;
  /** Answers may differ between two evaluations with the same input (time.now_ns, rand.intn, http.send). */
  nondeterministic?: true;
  /** Reaches outside the process (http.send, net.lookup_ip_addr, opa.runtime); refused unless allowed. */
  network?: true;
  /** Operator symbol for operators (`+`, `==`, `in`); absent for ordinary functions. */
  infix?: string;
  /** Deprecated in OPA 1.x: rejected when compiling Rego v1 (e.g. `re_match`, `set_diff`, `cast_*`). */
  deprecated?: true;
  /** A relation (`walk`): the result is enumerated, each solution one value. */
  relation?: true;
}

/** Optional flags of a signature, so tables can pass them as one trailing object. */
export type SignatureFlags = Omit<BuiltinSignature, 'name' | 'args' | 'result'>;

/** Builds one signature; keeps the family tables to one line per built-in. */
export function signature(
  name: string,
  args: TypeSpec[],
  result: TypeSpec,
  flags: SignatureFlags = {},
): BuiltinSignature {
  return { name, args, result, ...flags };
}

/** Number of arguments a call must pass, or `undefined` for variadic built-ins. */
export function fixedArity(builtin: BuiltinSignature): number | undefined {
  return builtin.variadic ? undefined : builtin.args.length;
}
