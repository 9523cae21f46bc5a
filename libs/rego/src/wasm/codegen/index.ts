import type { Diagnostic } from '../../diagnostics/diagnostic';
// opa-wasm answers a few builtin names itself (sprintf via sprintf-js, yaml.*, …) before
// consulting customBuiltins; those go out under an alias so our OPA-exact versions run.
import { hostImportName } from '../../builtins/host';
import type { Policy } from '../../ir/ir';
import type { Location } from '../../syntax/location';
import type { LinkInput } from '../link';
import type { RuntimeModule } from '../runtime-module';
import { resolveBuiltins } from './builtin-resolution';
import { compileFunc, compilePlan, isMemoisable } from './compile-function';
import { CodegenContext, i32Signature, type CodegenOptions } from './context';
import { CodegenError } from './function-compiler';
import {
  heapBaseFunction,
  hostBuiltinWrapper,
  INVALID_ENTRYPOINT_MESSAGE,
  nameTableFunction,
  numberConstantFunction,
  policyEvalFunction,
} from './helper-functions';
import { buildStaticLayout, MEMO_SLOT_SIZE } from './static-layout';

export { CodegenError } from './function-compiler';
export type { CodegenOptions } from './context';

export interface GeneratedPolicy {
  link: LinkInput;
  entrypoints: Record<string, number>;
  hostBuiltins: string[];
  /** Names of generated functions by index (for disassembly and debugging). */
  functionNames: Map<number, string>;
}

const JSON_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

/**
 * Generates the policy's Wasm functions, static data and placeholder bodies for the given
 * runtime. Problems in the IR are reported as diagnostics; the result is then undefined.
 */
export function generatePolicy(
  policy: Policy,
  runtime: RuntimeModule,
  options: CodegenOptions,
  diagnostics: Diagnostic[],
): GeneratedPolicy | undefined {
  const errorsBefore = diagnostics.length;
  const fallbackLocation: Location = {
    file: policy.static.files[0] ?? '<policy>',
    line: 1,
    col: 1,
    offset: 0,
  };
  const report = (message: string, location: Location = fallbackLocation) =>
    diagnostics.push({ code: 'rego_compile_error', message, location, severity: 'error' });

  checkNames(policy, report);
  policy.static.numbers.forEach((text, index) => {
    if (!JSON_NUMBER.test(text))
      report(`number constant ${index} is not a JSON number: ${JSON.stringify(text)}`);
  });
  const builtins = resolveBuiltins(policy, runtime, diagnostics);
  if (diagnostics.length > errorsBefore) return undefined;

  const memoisable = policy.funcs.filter(isMemoisable);
  const planNames = policy.plans.map((plan) => plan.name);
  const layout = buildStaticLayout({
    baseAddress: Math.ceil(runtime.staticEnd() / 8) * 8,
    strings: policy.static.strings,
    numbers: policy.static.numbers,
    names: [...builtins.host.map((builtin) => hostImportName(builtin.name)), ...planNames],
    messages: [INVALID_ENTRYPOINT_MESSAGE],
    ruleMemoSlots: memoisable.length,
    hostMemoSlots: builtins.host.length,
  });
  const context = new CodegenContext(runtime, layout, builtins, options, diagnostics);
  const memoSlots = new Map(
    memoisable.map((func, index) => [func, layout.ruleMemo + index * MEMO_SLOT_SIZE]),
  );

  context.numberConstantFunction = context.reserveFunction();
  for (const builtin of builtins.host)
    context.hostFunctionIndices.set(builtin.name, context.reserveFunction());
  context.registerFuncs(policy.funcs, (func) => memoSlots.get(func));
  context.registerPlans(policy.plans);

  const compile = (location: Location | undefined, generate: () => void) => {
    try {
      generate();
    } catch (error) {
      if (!(error instanceof CodegenError)) throw error;
      report(error.message, error.location ?? location);
    }
  };

  context.define(
    context.numberConstantFunction,
    'number_constant',
    i32Signature(1, true),
    numberConstantFunction(context),
  );
  for (const builtin of builtins.host) {
    const index = context.hostFunctionIndices.get(builtin.name) as number;
    context.define(
      index,
      `host:${builtin.name}`,
      i32Signature(builtin.arity, true),
      hostBuiltinWrapper(context, builtin.id, builtin.arity),
    );
  }
  for (const info of context.funcs.values()) {
    compile(info.func.location, () =>
      context.define(
        info.functionIndex,
        info.func.name,
        i32Signature(info.func.params.length, true),
        compileFunc(context, info),
      ),
    );
  }
  policy.plans.forEach((plan, id) => {
    compile(plan.location, () =>
      context.define(
        context.planIndices[id],
        `plan:${plan.name}`,
        i32Signature(3, false),
        compilePlan(context, plan),
      ),
    );
  });
  if (diagnostics.length > errorsBefore) return undefined;

  const functionNames = new Map<number, string>();
  const functions = context.generated.map((fn, offset) => {
    if (!fn) throw new Error(`internal: generated function ${offset} was never defined`);
    functionNames.set(runtime.functionCount + offset, fn.name);
    return { type: fn.type, body: fn.body };
  });
  const replacements = new Map([
    ['policy_heap_base', heapBaseFunction(context)],
    [
      'policy_builtins',
      nameTableFunction(
        context,
        builtins.host.map((builtin) => hostImportName(builtin.name)),
      ),
    ],
    ['policy_entrypoints', nameTableFunction(context, planNames)],
    ['policy_eval', policyEvalFunction(context)],
  ]);
  return {
    link: {
      replacements,
      functions,
      data: { address: layout.baseAddress, bytes: layout.bytes },
      memoryMinPages: Math.max(runtime.memoryMinPages, Math.ceil(layout.heapBase / 65536)),
    },
    entrypoints: Object.fromEntries(planNames.map((name, id) => [name, id])),
    hostBuiltins: builtins.host.map((builtin) => hostImportName(builtin.name)),
    functionNames,
  };
}

function checkNames(policy: Policy, report: (message: string, location?: Location) => void): void {
  const seenPlans = new Set<string>();
  for (const plan of policy.plans) {
    if (seenPlans.has(plan.name)) report(`duplicate entrypoint ${plan.name}`, plan.location);
    seenPlans.add(plan.name);
  }
  const seenFuncs = new Set<string>();
  for (const func of policy.funcs) {
    if (seenFuncs.has(func.name)) report(`duplicate function ${func.name}`, func.location);
    seenFuncs.add(func.name);
  }
}
