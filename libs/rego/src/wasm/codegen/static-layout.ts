/**
 * The policy's static memory, placed right after the runtime's static data:
 *
 *   [ bytes pool: UTF-8 strings, number texts, names, NUL-terminated messages ]
 *   [ constant tables: (address, length) per string constant, then per number constant ]
 *   [ per-evaluation slots, zeroed by policy_eval on every evaluation:
 *       string value cache | number value cache | rule memo | host builtin memo | with depth ]
 *   policy_heap_base (8-aligned)
 *
 * Why per-evaluation caches: the runtime's heap is reset before every evaluation (and on
 * setData), so a value built from static bytes cannot outlive one evaluation. Building it
 * lazily on first use and caching its address until the next reset costs one allocation
 * per constant actually used, instead of one per use or one per constant per evaluation.
 */
export interface ByteRange {
  address: number;
  length: number;
}

export interface StaticLayout {
  baseAddress: number;
  bytes: Uint8Array;
  heapBase: number;
  stringTable: number;
  numberTable: number;
  /** Start and size of the region policy_eval zeroes. */
  slotsStart: number;
  slotsSize: number;
  stringCache: number;
  numberCache: number;
  ruleMemo: number;
  hostMemo: number;
  withDepth: number;
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
  pad(4);
  const tableBytes = (ranges: ByteRange[]) => {
    const table = new DataView(new ArrayBuffer(ranges.length * 8));
    ranges.forEach((range, index) => {
      table.setUint32(index * 8, range.address, true);
      table.setUint32(index * 8 + 4, range.length, true);
    });
    return new Uint8Array(table.buffer);
  };
  const stringTable = place(tableBytes(strings));
  const numberTable = place(tableBytes(numbers));

  const slotsStart = cursor;
  const stringCache = slotsStart;
  const numberCache = stringCache + strings.length * 4;
  const ruleMemo = numberCache + numbers.length * 4;
  const hostMemo = ruleMemo + input.ruleMemoSlots * 4;
  const withDepth = hostMemo + input.hostMemoSlots * 4;
  const slotsSize = withDepth + 4 - slotsStart;
  place(new Uint8Array(slotsSize));

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
    stringTable,
    numberTable,
    slotsStart,
    slotsSize,
    stringCache,
    numberCache,
    ruleMemo,
    hostMemo,
    withDepth,
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
