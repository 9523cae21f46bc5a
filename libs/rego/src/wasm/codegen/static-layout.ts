/**
 * The policy's static memory, placed right after the runtime's static data:
 *
 *   [ bytes pool: UTF-8 strings, number texts, names, NUL-terminated messages ]
 *   [ string constant values: a 16-byte runtime string header per constant, pointing into
 *     the pool (built here, at compile time) ]
 *   [ number constant values: 24 zeroed bytes per constant, built on first use ]
 *   [ number table: (address, length) of each number constant's text ]
 *   [ per-evaluation state: rule memo and host builtin memo, 8 bytes a slot (value,
 *     evaluation generation) | with depth | evaluation generation ]
 *   policy_heap_base (8-aligned)
 *
 * Why constants are static values: the runtime resets its heap before every evaluation
 * (and on setData), so a constant built on the heap would have to be rebuilt, cached and
 * invalidated per evaluation. Values outside the heap survive resets, so a string constant
 * is a plain address and a number constant is parsed once per instance.
 *
 * Why memo slots carry a generation instead of being cleared: policy_eval bumps one
 * counter, which invalidates every slot at once, so starting an evaluation costs the same
 * however many rules and host built-ins a policy has.
 */
export interface ByteRange {
  address: number;
  length: number;
}

export interface StaticLayout {
  baseAddress: number;
  bytes: Uint8Array;
  heapBase: number;
  /** Address of string constant i's value: `stringValues + i * STRING_VALUE_SIZE`. */
  stringValues: number;
  /** Address of number constant i's value slot: `numberValues + i * NUMBER_VALUE_SIZE`. */
  numberValues: number;
  numberTable: number;
  /** Start and size of the memo slots (cleared only when the generation wraps around). */
  memoStart: number;
  memoSize: number;
  ruleMemo: number;
  hostMemo: number;
  withDepth: number;
  evalGeneration: number;
  strings: ByteRange[];
  numbers: ByteRange[];
  /** Raw UTF-8 range of an arbitrary name (builtin or entrypoint name) in the pool. */
  text(value: string): ByteRange;
  /** Address of a NUL-terminated ASCII message. */
  message(value: string): number;
}

export interface StaticLayoutInput {
  baseAddress: number;
  strings: readonly string[];
  numbers: readonly string[];
  names: readonly string[];
  messages: readonly string[];
  ruleMemoSlots: number;
  hostMemoSlots: number;
}

const align = (value: number, to: number) => Math.ceil(value / to) * to;

/** Runtime string header: [tag 4][byte length][byte pointer][hash cache, 0 = not computed]. */
export const STRING_VALUE_SIZE = 16;
const TYPE_STRING = 4;
/** A runtime number value (`NUMBER_SIZE`); filled by `rt_number_text_at`. */
export const NUMBER_VALUE_SIZE = 24;
/** A memo slot: [value][evaluation generation it belongs to]. */
export const MEMO_SLOT_SIZE = 8;

export function buildStaticLayout(input: StaticLayoutInput): StaticLayout {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let cursor = input.baseAddress;
  const pooled = new Map<string, ByteRange>();
  const place = (bytes: Uint8Array): number => {
    const address = cursor;
    chunks.push(bytes);
    cursor += bytes.length;
    return address;
  };
  const pool = (text: string): ByteRange => {
    let range = pooled.get(text);
    if (!range) {
      const bytes = encoder.encode(text);
      range = { address: place(bytes), length: bytes.length };
      pooled.set(text, range);
    }
    return range;
  };

  const strings = input.strings.map(pool);
  const numbers = input.numbers.map(pool);
  for (const name of input.names) pool(name);
  const messages = new Map<string, number>();
  for (const message of input.messages)
    messages.set(message, place(encoder.encode(`${message}\0`)));

  const pad = (to: number) => {
    const target = align(cursor, to);
    if (target > cursor) place(new Uint8Array(target - cursor));
  };
  pad(8);
  const stringValuesBytes = new DataView(new ArrayBuffer(strings.length * STRING_VALUE_SIZE));
  strings.forEach((range, index) => {
    const at = index * STRING_VALUE_SIZE;
    stringValuesBytes.setUint32(at, TYPE_STRING, true);
    stringValuesBytes.setUint32(at + 4, range.length, true);
    stringValuesBytes.setUint32(at + 8, range.address, true);
  });
  const stringValues = place(new Uint8Array(stringValuesBytes.buffer));
  const numberValues = place(new Uint8Array(numbers.length * NUMBER_VALUE_SIZE));
  const numberTableBytes = new DataView(new ArrayBuffer(numbers.length * 8));
  numbers.forEach((range, index) => {
    numberTableBytes.setUint32(index * 8, range.address, true);
    numberTableBytes.setUint32(index * 8 + 4, range.length, true);
  });
  const numberTable = place(new Uint8Array(numberTableBytes.buffer));

  const memoStart = cursor;
  const ruleMemo = memoStart;
  const hostMemo = ruleMemo + input.ruleMemoSlots * MEMO_SLOT_SIZE;
  const memoSize = hostMemo + input.hostMemoSlots * MEMO_SLOT_SIZE - memoStart;
  const withDepth = memoStart + memoSize;
  const evalGeneration = withDepth + 4;
  place(new Uint8Array(memoSize + 8));

  const bytes = new Uint8Array(cursor - input.baseAddress);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }

  return {
    baseAddress: input.baseAddress,
    bytes,
    heapBase: align(cursor, 8),
    stringValues,
    numberValues,
    numberTable,
    memoStart,
    memoSize,
    ruleMemo,
    hostMemo,
    withDepth,
    evalGeneration,
    strings,
    numbers,
    text(value) {
      const range = pooled.get(value);
      if (!range) throw new Error(`internal: ${JSON.stringify(value)} was not pooled`);
      return range;
    },
    message(value) {
      const address = messages.get(value);
      if (address === undefined)
        throw new Error(`internal: message ${JSON.stringify(value)} was not placed`);
      return address;
    },
  };
}
