import type { Location } from '../syntax/location';

/** OPA's stable error codes; compile-time codes start with `rego_`, runtime ones with `eval_`. */
export type DiagnosticCode =
  | 'rego_parse_error'
  | 'rego_unsafe_var_error'
  | 'rego_type_error'
  | 'rego_recursion_error'
  | 'rego_compile_error'
  | 'eval_conflict_error';

export interface Diagnostic {
  code: DiagnosticCode;
  message: string;
  location: Location;
  severity: 'error' | 'warning';
}
