/**
 * Runs one prepared case through the real toolchain: `compile()` with the case's query as a
 * query entrypoint, `loadCompiledPolicy` (opa-wasm underneath), `setData`, then one
 * `evaluate` per input. Never throws: every failure becomes a `RunOutcome`.
 */
import {
  DEFAULT_CAPABILITIES,
  NETWORK_BUILTINS,
  enableBuiltins,
} from '../../libs/rego/src/builtins/capabilities';
import { compile } from '../../libs/rego/src/compile';
import { loadCompiledPolicy } from '../../libs/rego/src/loader';
import { parseTerm } from '../../libs/rego/src/syntax';
import type { CaseInput, PreparedCase, RunOutcome } from './conformance-case';
import { classifyThrown, messageOf } from './runtime-failure';
import { termToJson } from './term-to-json';

/**
 * The corpora are written against OPA's default capabilities, which include the network
 * built-ins (cases mock http.send with `with`); ours refuse them unless enabled.
 */
const CORPUS_CAPABILITIES = enableBuiltins(DEFAULT_CAPABILITIES, NETWORK_BUILTINS);

/** Entrypoint name the case's query is compiled under. */
export const QUERY_ENTRYPOINT = 'conformance/query';

export async function executeCase(testCase: PreparedCase): Promise<RunOutcome> {
  let inputs: unknown[];
  try {
    inputs = testCase.inputs.map(resolveInput);
  } catch (error) {
    return {
      kind: 'runtime-error',
      failure: { kind: 'load', code: null, message: `input: ${messageOf(error)}` },
    };
  }

  const compiled = compile(testCase.modules, {
    entrypoints: [],
    queries: [{ name: QUERY_ENTRYPOINT, source: testCase.querySource }],
    regoVersion: testCase.regoVersion,
    capabilities: CORPUS_CAPABILITIES,
    strictBuiltinErrors: testCase.strictBuiltinErrors,
  });
  if (!compiled.ok || compiled.wasm === null) {
    return {
      kind: 'compile-error',
      diagnostics: compiled.diagnostics
        .filter((diagnostic) => diagnostic.severity === 'error')
        .map((diagnostic) => ({
          code: diagnostic.code,
          message: diagnostic.message,
          where: `${diagnostic.location.file}:${diagnostic.location.line}:${diagnostic.location.col}`,
        })),
    };
  }

  let policy: Awaited<ReturnType<typeof loadCompiledPolicy>>;
  try {
    policy = await loadCompiledPolicy(
      { wasm: compiled.wasm, hostBuiltins: compiled.hostBuiltins },
      { strictBuiltinErrors: testCase.strictBuiltinErrors },
    );
    if (testCase.data !== undefined) policy.setData(testCase.data as object);
  } catch (error) {
    return {
      kind: 'runtime-error',
      failure: { kind: 'load', code: null, message: messageOf(error) },
    };
  }

  return withEnvironment(testCase.env, async () => {
    const resultSets: Array<Array<Record<string, unknown>>> = [];
    for (const input of inputs) {
      try {
        const resultSet: unknown = await policy.evaluate(sdkInput(input), QUERY_ENTRYPOINT);
        if (
          !Array.isArray(resultSet) ||
          !resultSet.every(
            (item) => item !== null && typeof item === 'object' && !Array.isArray(item),
          )
        ) {
          return {
            kind: 'runtime-error',
            failure: {
              kind: 'crash',
              code: null,
              message: `result is not a result set: ${JSON.stringify(resultSet)}`,
            },
          };
        }
        resultSets.push(resultSet as Array<Record<string, unknown>>);
      } catch (error) {
        return { kind: 'runtime-error', failure: classifyThrown(error) };
      }
    }
    return { kind: 'results', resultSets };
  });
}

/** Sentinel for "no input" (input undefined), distinct from a JSON `null` input. */
const NO_INPUT = Symbol('no input');

function resolveInput(input: CaseInput): unknown {
  switch (input.kind) {
    case 'none':
      return NO_INPUT;
    case 'json':
      return input.value;
    case 'rego-term':
      return parseInputTerm(input.text);
  }
}

function parseInputTerm(text: string): unknown {
  try {
    // JSON text denotes the same value in Rego; the term parser handles the rest (sets…).
    return JSON.parse(text);
  } catch {
    const { term, diagnostics } = parseTerm(text, 'input_term');
    if (term === null)
      throw new Error(
        diagnostics.map((diagnostic) => diagnostic.message).join('; ') || 'unparsable input_term',
      );
    return termToJson(term);
  }
}

/**
 * opa-wasm treats every JS-falsy input (`null`, `false`, `0`, `""`) as "no input"; as an
 * ArrayBuffer of JSON text it reaches the module as the value it is.
 */
function sdkInput(input: unknown): unknown {
  if (input === NO_INPUT) return undefined;
  if (!input) return jsonBytes(input);
  return input;
}

/** JSON text as an ArrayBuffer of exactly its bytes. */
function jsonBytes(value: unknown): ArrayBuffer {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

async function withEnvironment<T>(env: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const saved = Object.entries(env).map(([name]) => [name, process.env[name]] as const);
  for (const [name, value] of Object.entries(env)) process.env[name] = value;
  try {
    return await body();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
