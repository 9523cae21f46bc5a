/** Raised for a malformed module: says what was expected and at which byte offset. */
export class WasmDecodeError extends Error {
  constructor(message: string, offset: number) {
    super(`malformed wasm at byte ${offset}: ${message}`);
    this.name = 'WasmDecodeError';
  }
}

/** A cursor over bytes that decodes the Wasm binary format's primitive encodings. */
export class ByteReader {
  constructor(
    private readonly bytes: Uint8Array,
    public offset = 0,
    private readonly end = bytes.length,
  ) {}

  get atEnd(): boolean {
    return this.offset >= this.end;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  fail(message: string): never {
    throw new WasmDecodeError(message, this.offset);
  }

  byte(): number {
    if (this.offset >= this.end) this.fail('unexpected end of input');
    return this.bytes[this.offset++];
  }

  peek(): number {
    if (this.offset >= this.end) this.fail('unexpected end of input');
    return this.bytes[this.offset];
  }

  take(count: number): Uint8Array {
    if (count < 0 || this.offset + count > this.end) this.fail(`cannot read ${count} bytes`);
    const slice = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return slice;
  }

  /** Bytes from `start` up to the current offset (used to keep raw encodings). */
  since(start: number): Uint8Array {
    return this.bytes.slice(start, this.offset);
  }

  u32(): number {
    let result = 0;
    let scale = 1;
    for (let index = 0; index < 5; index++) {
      const byte = this.byte();
      result += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) {
        if (result > 0xffffffff) this.fail('u32 out of range');
        return result;
      }
      scale *= 128;
    }
    return this.fail('u32 LEB128 longer than 5 bytes');
  }

  s32(): number {
    const value = this.s64(5);
    if (value < -0x80000000n || value > 0x7fffffffn) this.fail('s32 out of range');
    return Number(value);
  }

  s64(maxBytes = 10): bigint {
    let result = 0n;
    let shift = 0n;
    for (let index = 0; index < maxBytes; index++) {
      const byte = this.byte();
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
      if ((byte & 0x80) === 0) {
        if (byte & 0x40) result -= 1n << shift;
        return result;
      }
    }
    return this.fail('signed LEB128 too long');
  }

  name(): string {
    const length = this.u32();
    return new TextDecoder('utf-8', { fatal: true }).decode(this.take(length));
  }

  vector<T>(readItem: (reader: this) => T): T[] {
    const count = this.u32();
    if (count > this.remaining) this.fail(`vector length ${count} exceeds the input`);
    const items: T[] = [];
    for (let index = 0; index < count; index++) items.push(readItem(this));
    return items;
  }

  /** A reader over the next `length` bytes; advances this reader past them. */
  sub(length: number): ByteReader {
    if (length < 0 || this.offset + length > this.end)
      this.fail(`length ${length} exceeds the input`);
    const reader = new ByteReader(this.bytes, this.offset, this.offset + length);
    this.offset += length;
    return reader;
  }
}
