/**
 * A small ustar (POSIX.1-1988) writer and reader — just what bundles need: regular files
 * with `/`-separated paths. The writer is deterministic (fixed mode, owner and mtime), so
 * the same inputs give the same bytes. The reader accepts what common tools produce for
 * such archives: ustar and GNU headers, directory entries (skipped), and PAX extended
 * headers (`path` honoured); it refuses links, devices and other special entries, bad
 * checksums and truncated archives rather than guessing.
 */
import { BundleError } from './bundle-error';

export interface TarEntry {
  /** Path inside the archive, as stored (OPA bundles use a leading `/`). */
  path: string;
  data: Uint8Array;
}

const BLOCK = 512;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An archive of `entries`, in the given order, closed by two zero blocks. */
export function writeTar(
  entries: readonly TarEntry[],
  options: { mtime?: number } = {},
): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const entry of entries) {
    chunks.push(header(entry.path, entry.data.length, options.mtime ?? 0), entry.data);
    const padding = (BLOCK - (entry.data.length % BLOCK)) % BLOCK;
    if (padding > 0) chunks.push(new Uint8Array(padding));
  }
  chunks.push(new Uint8Array(2 * BLOCK));
  return concat(chunks);
}

/** The regular files of an archive, in archive order. */
export function readTar(bytes: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let paxPath: string | null = null;
  let gnuLongName: string | null = null;
  while (offset + BLOCK <= bytes.length) {
    const block = bytes.subarray(offset, offset + BLOCK);
    if (block.every((byte) => byte === 0)) return entries;
    verifyChecksum(block, offset);
    const size = readOctal(block, 124, 12, offset);
    const type = String.fromCharCode(block[156] || 0x30);
    const dataStart = offset + BLOCK;
    if (dataStart + size > bytes.length)
      throw new BundleError(`tar: entry at byte ${offset} is truncated`);
    const data = bytes.slice(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'x') {
      paxPath = parsePaxPath(data) ?? paxPath;
      continue;
    }
    if (type === 'g') continue; // global PAX header: nothing bundles need
    if (type === 'L') {
      gnuLongName = decoder.decode(data).replace(/\0+$/, '');
      continue;
    }
    const path = paxPath ?? gnuLongName ?? headerPath(block);
    paxPath = null;
    gnuLongName = null;
    if (type === '5') continue;
    if (type !== '0' && type !== '7')
      throw new BundleError(`tar: ${path}: unsupported entry type '${type}' (only regular files)`);
    entries.push({ path, data });
  }
  throw new BundleError('tar: archive ends without its end-of-archive blocks');
}

function header(path: string, size: number, mtime: number): Uint8Array {
  const block = new Uint8Array(BLOCK);
  const [prefix, name] = splitPath(path);
  writeString(block, 0, 100, name);
  writeOctal(block, 100, 8, 0o644);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, mtime);
  block.fill(0x20, 148, 156); // checksum field counts as spaces while summing
  block[156] = 0x30; // '0': regular file
  writeString(block, 257, 6, 'ustar\0');
  writeString(block, 263, 2, '00');
  writeString(block, 345, 155, prefix);
  const checksum = block.reduce((sum, byte) => sum + byte, 0);
  writeString(block, 148, 8, `${checksum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

/** ustar keeps up to 155 bytes of directory in `prefix` and 100 of name in `name`. */
function splitPath(path: string): [prefix: string, name: string] {
  const length = encoder.encode(path).length;
  if (length <= 100) return ['', path];
  for (let cut = path.lastIndexOf('/'); cut > 0; cut = path.lastIndexOf('/', cut - 1)) {
    const prefix = path.slice(0, cut);
    const name = path.slice(cut + 1);
    if (encoder.encode(prefix).length <= 155 && encoder.encode(name).length <= 100)
      return [prefix, name];
  }
  throw new BundleError(`tar: path too long for ustar: ${path}`);
}

function headerPath(block: Uint8Array): string {
  const name = readString(block, 0, 100);
  const isUstar = readString(block, 257, 5) === 'ustar';
  const prefix = isUstar ? readString(block, 345, 155) : '';
  return prefix ? `${prefix}/${name}` : name;
}

/** PAX records are `<length> <key>=<value>\n`; only `path` matters here. */
function parsePaxPath(data: Uint8Array): string | null {
  const text = decoder.decode(data);
  let path: string | null = null;
  let position = 0;
  while (position < text.length) {
    const space = text.indexOf(' ', position);
    const length = Number(text.slice(position, space));
    if (space < 0 || !Number.isInteger(length) || length <= 0)
      throw new BundleError('tar: malformed PAX header');
    const record = text.slice(space + 1, position + length - 1);
    const equals = record.indexOf('=');
    if (record.slice(0, equals) === 'path') path = record.slice(equals + 1);
    position += length;
  }
  return path;
}

function verifyChecksum(block: Uint8Array, offset: number): void {
  const stored = readOctal(block, 148, 8, offset);
  let sum = 0;
  for (let index = 0; index < BLOCK; index++)
    sum += index >= 148 && index < 156 ? 0x20 : block[index];
  if (sum !== stored) throw new BundleError(`tar: bad header checksum at byte ${offset}`);
}

function readOctal(block: Uint8Array, start: number, length: number, offset: number): number {
  const text = readString(block, start, length).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text))
    throw new BundleError(`tar: bad number field in the header at byte ${offset}`);
  return parseInt(text, 8);
}

function readString(block: Uint8Array, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return decoder.decode(end < 0 ? field : field.subarray(0, end));
}

function writeString(block: Uint8Array, start: number, length: number, text: string): void {
  const bytes = encoder.encode(text);
  if (bytes.length > length) throw new BundleError(`tar: field too long: ${text}`);
  block.set(bytes, start);
}

function writeOctal(block: Uint8Array, start: number, length: number, value: number): void {
  const digits = value.toString(8);
  if (digits.length > length - 1) throw new BundleError(`tar: value too large: ${value}`);
  writeString(block, start, length, `${digits.padStart(length - 1, '0')}\0`);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let position = 0;
  for (const chunk of chunks) {
    out.set(chunk, position);
    position += chunk.length;
  }
  return out;
}
