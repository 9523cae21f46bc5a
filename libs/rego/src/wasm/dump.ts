import type { Policy } from '../ir/ir';
import { disassembleFunction, ExternalKind, findSection, SectionId } from './binary';
import { generatePolicy, type CodegenOptions } from './codegen';
import { loadRuntime } from './runtime-binary';
import type { RuntimeModule } from './runtime-module';

/**
 * A `.wat`-like listing of the code generated for a policy (not the runtime's): each
 * generated function and each placeholder body, calls shown by name. For golden tests and
 * for debugging the backend.
 */
export function dumpPolicyCode(
  policy: Policy,
  options: Partial<CodegenOptions> & { runtime?: RuntimeModule } = {},
): string {
  const runtime = options.runtime ?? loadRuntime();
  const diagnostics: Parameters<typeof generatePolicy>[3] = [];
  const generated = generatePolicy(
    policy,
    runtime,
    { strictBuiltinErrors: options.strictBuiltinErrors ?? false },
    diagnostics,
  );
  if (!generated) throw new Error(`cannot dump: ${diagnostics.map((d) => d.message).join('; ')}`);
  const names = new Map(generated.functionNames);
  for (const item of findSection(runtime.module, SectionId.Export)?.exports ?? []) {
    if (item.kind === ExternalKind.Function && !names.has(item.index))
      names.set(item.index, item.name);
  }
  let importIndex = 0;
  for (const item of runtime.imports) {
    if (item.descriptor.kind === ExternalKind.Function) names.set(importIndex++, item.name);
  }
  const sections: string[] = [];
  const indent = (text: string) =>
    text
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n');
  for (const [name, body] of generated.link.replacements) {
    sections.push(
      `(func $${name}\n${indent(disassembleFunction(body, { functionNames: names }))})`,
    );
  }
  generated.link.functions.forEach((fn, offset) => {
    const name = generated.functionNames.get(runtime.functionCount + offset);
    const signature = `(param i32 x ${fn.type.params.length})${fn.type.results.length ? ' (result i32)' : ''}`;
    sections.push(
      `(func $${name} ${signature}\n${indent(disassembleFunction(fn.body, { functionNames: names }))})`,
    );
  });
  return sections.join('\n\n');
}
