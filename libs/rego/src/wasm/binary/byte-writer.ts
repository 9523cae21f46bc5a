/**
 * A growable byte buffer with the primitive encodings of the Wasm binary format:
 * LEB128 integers, IEEE floats, length-prefixed names and vectors.
 */
export class ByteWriter {
  private buffer = new Uint8Array(256);
  private length = 0;

  get size(): number {
    return this.length;
  }

  byte(value: number): this {
    this.ensure(1);
    this.buffer[this.length++] = value & 0xff;
    return this;
  }

  bytes(values: Uint8Array | readonly number[]): this {
    this.ensure(values.length);
    this.buffer.set(values, this.length);
    this.length += values.length;
    return this;
  }

  /** Unsigned LEB128 of a value in [0, 2^32). */
  u32(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw new RangeError(`u32 out of range: ${value}`);
    }
    let rest = value;
    do {
      let byte = rest & 0x7f;
      rest = Math.floor(rest / 128);
      if (rest !== 0) byte |= 0x80;
      this.byte(byte);
    } while (rest !== 0);
    return this;
  }

  /** Signed LEB128 of a value in [-2^31, 2^31). */
  s32(value: number): this {
    if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) {
      throw new RangeError(`s32 out of range: ${value}`);
    }
    return this.s64(BigInt(value));
  }

  /** Signed LEB128 of a 64-bit integer. */
  s64(value: bigint): this {
    let rest = value;
    for (;;) {
      const byte = Number(rest & 0x7fn);
      rest >>= 7n;
      const signBitSet = (byte & 0x40) !== 0;
      if ((rest === 0n && !signBitSet) || (rest === -1n && signBitSet)) {
        this.byte(byte);
        return this;
      }
      this.byte(byte | 0x80);
    }
  }

  f64(value: number): this {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value, true);
    return this.bytes(new Uint8Array(view.buffer));
  }

  /** A UTF-8 name prefixed by its byte length. */
  name(text: string): this {
    const encoded = new TextEncoder().encode(text);
    return this.u32(encoded.length).bytes(encoded);
  }

  /** A vector: its element count, then each element written by `writeItem`. */
  vector<T>(items: readonly T[], writeItem: (writer: this, item: T) => void): this {
    this.u32(items.length);
    for (const item of items) writeItem(this, item);
    return this;
  }

  /** Bytes prefixed by their length (section payloads, function bodies). */
  sized(content: Uint8Array): this {
    return this.u32(content.length).bytes(content);
  }

  toBytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < this.length + extra) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}
