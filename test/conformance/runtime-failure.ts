/**
 * Classifies what an evaluation threw. opa-wasm throws the module's `opa_abort` message as
 * a plain string, host built-ins throw `BuiltinError`s, and a trapping module throws a
 * `WebAssembly.RuntimeError`; only the first two are errors a policy can legitimately
 * raise, the others are compiler or harness bugs.
 */
import type { RuntimeFailure } from './conformance-case';

const WASM_ERROR_NAMES = new Set(['RuntimeError', 'CompileError', 'LinkError']);

const CODE_PATTERN = /\b((?:eval|rego)_[a-z_]+_error)\b/;

export function classifyThrown(thrown: unknown): RuntimeFailure {
  const message = messageOf(thrown);
  // WebAssembly.RuntimeError & co. (matched by name: this project's lib typings lack WebAssembly).
  if (thrown instanceof Error && WASM_ERROR_NAMES.has(thrown.name)) {
    return { kind: 'crash', code: null, message: `${thrown.name}: ${message}` };
  }
  if (thrown instanceof RangeError && /call stack/i.test(message))
    return { kind: 'crash', code: null, message };
  if (/not implemented: built-in function/.test(message))
    return { kind: 'unsupported-builtin', code: null, message };
  return { kind: 'error', code: errorCode(thrown, message), message };
}

/** OPA's error code for a thrown evaluation error, or null when it cannot be told. */
export function errorCode(thrown: unknown, message: string): string | null {
  const own =
    thrown !== null && typeof thrown === 'object' ? (thrown as { code?: unknown }).code : undefined;
  if (typeof own === 'string' && CODE_PATTERN.test(own)) return own;
  const inText = message.match(CODE_PATTERN);
  if (inText) return inText[1];
  if (/conflict|object keys must be unique/i.test(message)) return 'eval_conflict_error';
  const name = thrown instanceof Error ? thrown.name : '';
  if (name === 'BuiltinError' || /operand \d+ must be/.test(message)) {
    return /operand \d+ must be|must be .* but got/.test(message)
      ? 'eval_type_error'
      : 'eval_builtin_error';
  }
  return null;
}

export function messageOf(thrown: unknown): string {
  if (typeof thrown === 'string') return thrown;
  if (thrown instanceof Error) return thrown.message;
  if (
    thrown !== null &&
    typeof thrown === 'object' &&
    typeof (thrown as { message?: unknown }).message === 'string'
  ) {
    return (thrown as { message: string }).message;
  }
  return String(thrown);
}
