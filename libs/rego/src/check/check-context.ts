/** State shared by the check stages: the modules being rewritten, the rule table, diagnostics. */
import type { Module, Query } from '../ast/nodes';
import type { BuiltinSignature } from '../builtins/builtin-signature';
import type { Capabilities } from '../builtins/capabilities';
import type { Diagnostic, DiagnosticCode } from '../diagnostics/diagnostic';
import type { Location } from '../syntax/location';
import type { RuleTable } from './rule-table';

export interface CheckOptions {
  capabilities?: Capabilities;
}

export interface CheckContext {
  /** Deep copies of the input modules; stages rewrite them in place. */
  modules: Module[];
  queries: Query[];
  rules: RuleTable;
  /** Built-ins known to the compiler, by dotted name. */
  catalogue: ReadonlyMap<string, BuiltinSignature>;
  /** Names allowed by `options.capabilities`; `null` means every catalogue built-in. */
  allowedBuiltins: ReadonlySet<string> | null;
  diagnostics: Diagnostic[];
}

/** One step of the check pipeline; stages run in order and stop after one that reported errors. */
export interface CheckStage {
  name: string;
  run(context: CheckContext): void;
}

export function report(
  context: CheckContext,
  code: DiagnosticCode,
  message: string,
  location: Location,
): void {
  context.diagnostics.push({ code, message, location, severity: 'error' });
}

/** The name a user wrote for a (possibly renamed or generated) variable: `$x_2` → `x`, `$_0` → `_`. */
export function displayName(name: string): string {
  if (!name.startsWith('$')) return name;
  const stripped = name.slice(1).replace(/_\d+$/, '');
  return stripped === '' ? '_' : stripped;
}
