import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findSection,
  InstructionEmitter,
  readModule,
  type Section,
  SectionId,
  writeModule,
} from '../../src/wasm/binary';
import { linkModule } from '../../src/wasm/link';
import { findRuntimeWasm, RuntimeNotBuiltError } from '../../src/wasm/runtime-binary';
import { RuntimeContractError, RuntimeModule } from '../../src/wasm/runtime-module';

const WebAssembly = (globalThis as unknown as { WebAssembly: any }).WebAssembly;
const runtimeBytes = () => new Uint8Array(readFileSync(findRuntimeWasm()));

describe('the built runtime', () => {
  it('round-trips byte for byte, verbatim and re-encoded', () => {
    const bytes = runtimeBytes();
    const module = readModule(bytes);
    expect(Buffer.from(writeModule(module)).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(writeModule(module, { reencode: true })).equals(Buffer.from(bytes))).toBe(
      true,
    );
  });

  it('meets the codegen contract', () => {
    const runtime = RuntimeModule.fromBytes(runtimeBytes());
    expect(
      runtime.imports
        .filter((item) => item.name !== 'memory')
        .map((item) => `${item.module}.${item.name}`)
        .sort(),
    ).toEqual([
      'env.opa_abort',
      'env.opa_builtin0',
      'env.opa_builtin1',
      'env.opa_builtin2',
      'env.opa_builtin3',
      'env.opa_builtin4',
      'env.opa_println',
    ]);
    for (const name of [
      'policy_heap_base',
      'policy_builtins',
      'policy_entrypoints',
      'policy_eval',
    ]) {
      expect(runtime.functionIndex(name)).toBeGreaterThanOrEqual(runtime.importedFunctionCount);
    }
    expect(runtime.parameterCount('policy_eval')).toBe(4);
    expect(runtime.staticEnd()).toBeGreaterThan(0);
    expect(() => runtime.functionIndex('rt_no_such_thing')).toThrow(RuntimeContractError);
  });

  it('is found from the compiled output folder as well as from the sources', () => {
    const repositoryRoot = join(__dirname, '..', '..', '..', '..');
    const fromDist = findRuntimeWasm(join(repositoryRoot, 'dist', 'libs', 'rego', 'src', 'wasm'));
    expect(fromDist).toBe(findRuntimeWasm());
  });

  it('gives a clear error when it has not been built', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-runtime-'));
    expect(() => findRuntimeWasm(empty)).toThrow(RuntimeNotBuiltError);
    expect(() => findRuntimeWasm(empty)).toThrow(/runtime not built: run npm run build:runtime/);
  });
});

describe('linkModule', () => {
  it('replaces placeholders, appends functions, data and types, and keeps the rest identical', () => {
    const runtime = RuntimeModule.fromBytes(runtimeBytes());
    const heapBase = new InstructionEmitter(0);
    heapBase.i32Const(123456);
    const extra = new InstructionEmitter(5);
    extra.localGet(4);
    const address = Math.ceil(runtime.staticEnd() / 8) * 8;
    const linked = linkModule(runtime, {
      replacements: new Map([['policy_heap_base', heapBase.finish()]]),
      functions: [
        { type: { params: [0x7f, 0x7f, 0x7f, 0x7f, 0x7f], results: [0x7f] }, body: extra.finish() },
      ],
      data: { address, bytes: new TextEncoder().encode('policy data') },
      globalValues: new Map([['opa_wasm_abi_minor_version', 1]]),
      memoryMinPages: 3,
    });
    const before = runtime.module;
    const after = readModule(linked);
    const changed = new Set([
      SectionId.Type,
      SectionId.Import,
      SectionId.Function,
      SectionId.Global,
      SectionId.Code,
      SectionId.Data,
      SectionId.DataCount,
    ]);
    expect(after.sections.map((section) => section.id)).toEqual(
      before.sections.map((section) => section.id),
    );
    after.sections.forEach((section: Section, index) => {
      if (!changed.has(section.id)) expect(section.raw).toEqual(before.sections[index].raw);
    });
    const beforeCode = findSection(before, SectionId.Code)?.bodies ?? [];
    const afterCode = findSection(after, SectionId.Code)?.bodies ?? [];
    expect(afterCode.length).toBe(beforeCode.length + 1);
    const heapBaseIndex = runtime.functionIndex('policy_heap_base') - runtime.importedFunctionCount;
    afterCode.forEach((body, index) => {
      if (index !== heapBaseIndex && index < beforeCode.length)
        expect(body).toEqual(beforeCode[index]);
    });
    const data = findSection(after, SectionId.Data)?.segments ?? [];
    expect(new TextDecoder().decode(data[data.length - 1].bytes)).toBe('policy data');
    const dataCount = findSection(after, SectionId.DataCount);
    if (dataCount) expect(dataCount.count).toBe(data.length);

    const memory = new WebAssembly.Memory({ initial: 3 });
    const noop = () => 0;
    const host = {
      opa_abort: noop,
      opa_println: noop,
      opa_builtin0: noop,
      opa_builtin1: noop,
      opa_builtin2: noop,
      opa_builtin3: noop,
      opa_builtin4: noop,
    };
    const instance = new WebAssembly.Instance(new WebAssembly.Module(linked), {
      env: { memory, ...host },
    });
    expect(instance.exports.policy_heap_base()).toBe(123456);
    expect(instance.exports.opa_wasm_abi_minor_version.value).toBe(1);
    expect(new TextDecoder().decode(new Uint8Array(memory.buffer, address, 11))).toBe(
      'policy data',
    );
    // A 2-page memory is now too small for the module's declared minimum.
    expect(
      () =>
        new WebAssembly.Instance(new WebAssembly.Module(linked), {
          env: { memory: new WebAssembly.Memory({ initial: 2 }), ...host },
        }),
    ).toThrow(/memory/i);
  });
});
