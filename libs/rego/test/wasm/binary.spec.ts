import {
  ByteReader,
  ByteWriter,
  ExternalKind,
  findSection,
  InstructionEmitter,
  readModule,
  SectionId,
  WasmDecodeError,
  writeModule,
  disassembleFunction,
} from '../../src/wasm/binary';
import { HANDMADE_MODULE } from './handmade-module';

// The workspace's lib settings (ES2022, no DOM) do not declare the WebAssembly global.
const WebAssembly = (globalThis as unknown as { WebAssembly: any }).WebAssembly;

describe('LEB128', () => {
  const unsigned: Array<[number, number[]]> = [
    [0, [0x00]],
    [127, [0x7f]],
    [128, [0x80, 0x01]],
    [624485, [0xe5, 0x8e, 0x26]],
    [0xffffffff, [0xff, 0xff, 0xff, 0xff, 0x0f]],
  ];
  it.each(unsigned)('u32 %d', (value, encoded) => {
    expect([...new ByteWriter().u32(value).toBytes()]).toEqual(encoded);
    expect(new ByteReader(Uint8Array.from(encoded)).u32()).toBe(value);
  });

  const signed: Array<[number, number[]]> = [
    [0, [0x00]],
    [-1, [0x7f]],
    [63, [0x3f]],
    [64, [0xc0, 0x00]],
    [-64, [0x40]],
    [-65, [0xbf, 0x7f]],
    [-123456, [0xc0, 0xbb, 0x78]],
    [0x7fffffff, [0xff, 0xff, 0xff, 0xff, 0x07]],
    [-0x80000000, [0x80, 0x80, 0x80, 0x80, 0x78]],
  ];
  it.each(signed)('s32 %d', (value, encoded) => {
    expect([...new ByteWriter().s32(value).toBytes()]).toEqual(encoded);
    expect(new ByteReader(Uint8Array.from(encoded)).s32()).toBe(value);
  });

  it('reads a non-minimal u32 encoding', () => {
    expect(new ByteReader(Uint8Array.from([0x85, 0x80, 0x80, 0x80, 0x00])).u32()).toBe(5);
  });

  it('rejects out-of-range values', () => {
    expect(() => new ByteWriter().u32(-1)).toThrow(RangeError);
    expect(() => new ByteWriter().s32(0x80000000)).toThrow(RangeError);
    expect(() => new ByteReader(Uint8Array.from([0x80, 0x80])).u32()).toThrow(WasmDecodeError);
    expect(() => new ByteReader(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x7f])).u32()).toThrow(
      /out of range/,
    );
  });
});

describe('readModule / writeModule on a handmade module', () => {
  it('decodes every section', () => {
    const module = readModule(HANDMADE_MODULE);
    expect(module.sections.map((section) => section.id)).toEqual([
      SectionId.Type,
      SectionId.Import,
      SectionId.Function,
      SectionId.Table,
      SectionId.Global,
      SectionId.Export,
      SectionId.Start,
      SectionId.Element,
      SectionId.DataCount,
      SectionId.Code,
      SectionId.Data,
      SectionId.Custom,
    ]);
    expect(findSection(module, SectionId.Type)?.types).toEqual([
      { params: [0x7f], results: [] },
      { params: [], results: [0x7f] },
      { params: [], results: [] },
    ]);
    const imports = findSection(module, SectionId.Import)?.imports ?? [];
    expect(imports.map((item) => `${item.module}.${item.name}`)).toEqual(['env.memory', 'env.log']);
    expect(imports[0].descriptor).toEqual({
      kind: ExternalKind.Memory,
      limits: { flags: 0, min: 1 },
    });
    expect(findSection(module, SectionId.Export)?.exports).toEqual([
      { name: 'answer', kind: ExternalKind.Function, index: 1 },
      { name: 'minor', kind: ExternalKind.Global, index: 1 },
    ]);
    expect(findSection(module, SectionId.Start)?.functionIndex).toBe(2);
    const code = findSection(module, SectionId.Code);
    expect(code?.bodies[0].locals).toEqual([{ count: 1, type: 0x7f }]);
    expect([...(code?.bodies[1].code ?? [])]).toEqual([0x23, 0x00, 0x1a, 0x0b]);
    const data = findSection(module, SectionId.Data);
    expect(data?.segments.map((segment) => new TextDecoder().decode(segment.bytes))).toEqual([
      'hi',
      'x',
    ]);
    expect(findSection(module, SectionId.Custom)?.custom.name).toBe('note');
  });

  it('writes the same bytes back, verbatim and re-encoded', () => {
    const module = readModule(HANDMADE_MODULE);
    expect(writeModule(module)).toEqual(HANDMADE_MODULE);
    expect(writeModule(module, { reencode: true })).toEqual(HANDMADE_MODULE);
  });

  it('produces a module WebAssembly accepts and runs', () => {
    const module = readModule(HANDMADE_MODULE);
    const bytes = writeModule(module, { reencode: true });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
      env: { memory: new WebAssembly.Memory({ initial: 1 }), log: () => undefined },
    });
    expect((instance.exports.answer as () => number)()).toBe(42);
    expect((instance.exports.minor as { value: number }).value).toBe(3);
  });

  it('reports malformed input with an offset', () => {
    expect(() => readModule(Uint8Array.from([1, 2, 3, 4]))).toThrow(/bad magic number/);
    expect(() => readModule(HANDMADE_MODULE.slice(0, 20))).toThrow(WasmDecodeError);
    const badSection = Uint8Array.from([...HANDMADE_MODULE.slice(0, 8), 0x2a, 0x00]);
    expect(() => readModule(badSection)).toThrow(/unknown section id 42/);
  });
});

describe('InstructionEmitter', () => {
  it('computes branch depths from labels and disassembles', () => {
    const emitter = new InstructionEmitter(1);
    const result = emitter.addLocal();
    const outer = emitter.block();
    const loop = emitter.loop();
    emitter.localGet(0).i32Eqz().brIf(outer);
    emitter.localGet(0).i32Const(1).i32Sub().localSet(0);
    emitter.localGet(result).i32Const(2).i32Add().localSet(result);
    emitter.br(loop);
    emitter.end(loop).end(outer);
    emitter.localGet(result);
    const body = emitter.finish();
    expect(disassembleFunction(body)).toBe(
      [
        '(local 1 x i32)',
        'block',
        '  loop',
        '    local.get 0',
        '    i32.eqz',
        '    br_if 1',
        '    local.get 0',
        '    i32.const 1',
        '    i32.sub',
        '    local.set 0',
        '    local.get 1',
        '    i32.const 2',
        '    i32.add',
        '    local.set 1',
        '    br 0',
        '  end',
        'end',
        'local.get 1',
      ].join('\n'),
    );
  });

  it('runs emitted code', () => {
    const emitter = new InstructionEmitter(1);
    const result = emitter.addLocal();
    const outer = emitter.block();
    const loop = emitter.loop();
    emitter.localGet(0).i32Eqz().brIf(outer);
    emitter.localGet(0).i32Const(1).i32Sub().localSet(0);
    emitter.localGet(result).i32Const(2).i32Add().localSet(result);
    emitter.br(loop);
    emitter.end(loop).end(outer);
    emitter.localGet(result);
    const module = readModule(HANDMADE_MODULE);
    const code = findSection(module, SectionId.Code);
    const types = findSection(module, SectionId.Type);
    const functions = findSection(module, SectionId.Function);
    if (!code || !types || !functions) throw new Error('handmade module lacks sections');
    types.types.push({ params: [0x7f], results: [0x7f] });
    functions.typeIndices[0] = 3;
    code.bodies[0] = emitter.finish();
    for (const section of [code, types, functions]) delete section.raw;
    // The element and start sections refer to function 1 (now i32 -> i32); drop them.
    module.sections = module.sections.filter(
      (s) => s.id !== SectionId.Start && s.id !== SectionId.Element,
    );
    const instance = new WebAssembly.Instance(new WebAssembly.Module(writeModule(module)), {
      env: { memory: new WebAssembly.Memory({ initial: 1 }), log: () => undefined },
    });
    expect((instance.exports.answer as (n: number) => number)(5)).toBe(10);
  });

  it('refuses unbalanced control frames', () => {
    const emitter = new InstructionEmitter(0);
    const block = emitter.block();
    expect(() => emitter.finish()).toThrow(/left open/);
    emitter.end(block);
    expect(() => emitter.end(block)).toThrow(/mismatched/);
  });
});
