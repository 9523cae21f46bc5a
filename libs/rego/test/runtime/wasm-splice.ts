/**
 * A minimal Wasm binary rewriter for runtime tests: replaces the bodies of exported
 * functions, the way CODEGEN splices a policy into the runtime, without depending on
 * CODEGEN's encoder. Bodies are given as raw bytes (locals vector + instructions + end).
 */
import { wasm } from './wasm-api';

function readUnsigned(bytes: Uint8Array, offset: number): [number, number] {
  let result = 0;
  let shift = 0;
  let position = offset;
  for (;;) {
    const byte = bytes[position++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return [result, position];
  }
}

export function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

export function signedLeb(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

interface Section {
  id: number;
  start: number; // content start
  end: number;
}

function sections(bytes: Uint8Array): Section[] {
  const result: Section[] = [];
  let position = 8;
  while (position < bytes.length) {
    const id = bytes[position++];
    const [size, start] = readUnsigned(bytes, position);
    result.push({ id, start, end: start + size });
    position = start + size;
  }
  return result;
}

/** Function indices of the module's exported functions, by export name. */
export function exportedFunctions(bytes: Uint8Array): Map<string, number> {
  const exports = new Map<string, number>();
  const section = sections(bytes).find((candidate) => candidate.id === 7);
  if (!section) return exports;
  let [count, position] = readUnsigned(bytes, section.start);
  while (count-- > 0) {
    const [nameLength, nameStart] = readUnsigned(bytes, position);
    const name = Buffer.from(bytes.subarray(nameStart, nameStart + nameLength)).toString('utf8');
    const kind = bytes[nameStart + nameLength];
    const [index, next] = readUnsigned(bytes, nameStart + nameLength + 1);
    if (kind === 0) exports.set(name, index);
    position = next;
  }
  return exports;
}

function importedFunctionCount(bytes: Uint8Array): number {
  return wasm.Module.imports(new wasm.Module(bytes)).filter((entry) => entry.kind === 'function')
    .length;
}

/** A copy of `bytes` where the named exported functions get the given bodies. */
export function replaceBodies(bytes: Uint8Array, bodies: Record<string, number[]>): Uint8Array {
  const exports = exportedFunctions(bytes);
  const firstDefined = importedFunctionCount(bytes);
  const replacements = new Map<number, number[]>();
  for (const [name, body] of Object.entries(bodies)) {
    const index = exports.get(name);
    if (index === undefined) throw new Error(`no exported function ${name}`);
    replacements.set(index - firstDefined, body);
  }
  const code = sections(bytes).find((section) => section.id === 10);
  if (!code) throw new Error('no code section');
  const [count, start] = readUnsigned(bytes, code.start);
  let position = start;
  const entries: number[] = [...unsignedLeb(count)];
  for (let i = 0; i < count; i++) {
    const [size, bodyStart] = readUnsigned(bytes, position);
    const body = replacements.get(i) ?? Array.from(bytes.subarray(bodyStart, bodyStart + size));
    entries.push(...unsignedLeb(body.length), ...body);
    position = bodyStart + size;
  }
  const sectionHeaderStart = code.start - unsignedLeb(code.end - code.start).length - 1;
  return Uint8Array.from([
    ...bytes.subarray(0, sectionHeaderStart),
    10,
    ...unsignedLeb(entries.length),
    ...entries,
    ...bytes.subarray(code.end),
  ]);
}
