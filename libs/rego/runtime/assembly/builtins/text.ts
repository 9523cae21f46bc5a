// UTF-8 helpers for the string builtins (strings are always valid UTF-8 here).

/** Byte length of the UTF-8 sequence starting with `lead`. */
export function sequenceLength(lead: u32): usize {
  return lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}

/** Decodes the code point at `at`. */
export function decodeAt(at: usize): u32 {
  const lead = <u32>load<u8>(at);
  if (lead < 0x80) return lead;
  if (lead < 0xe0) return ((lead & 0x1f) << 6) | ((<u32>load<u8>(at + 1)) & 0x3f);
  if (lead < 0xf0) {
    return (
      ((lead & 0x0f) << 12) |
      (((<u32>load<u8>(at + 1)) & 0x3f) << 6) |
      ((<u32>load<u8>(at + 2)) & 0x3f)
    );
  }
  return (
    ((lead & 0x07) << 18) |
    (((<u32>load<u8>(at + 1)) & 0x3f) << 12) |
    (((<u32>load<u8>(at + 2)) & 0x3f) << 6) |
    ((<u32>load<u8>(at + 3)) & 0x3f)
  );
}

/** Byte offset of the first occurrence of `needle` at or after `from`, or -1. */
export function findBytes(
  haystack: usize,
  haystackLength: usize,
  needle: usize,
  needleLength: usize,
  from: usize,
): isize {
  if (needleLength == 0) return from <= haystackLength ? <isize>from : -1;
  if (needleLength > haystackLength) return -1;
  const first = load<u8>(needle);
  const last = haystackLength - needleLength;
  for (let i = from; i <= last; i++) {
    if (
      load<u8>(haystack + i) == first &&
      memory.compare(haystack + i + 1, needle + 1, needleLength - 1) == 0
    ) {
      return <isize>i;
    }
  }
  return -1;
}

/** Byte offset of code point number `index` (or the length when past the end). */
export function byteOffsetOfCodePoint(bytes: usize, length: usize, index: usize): usize {
  let offset: usize = 0;
  let count: usize = 0;
  while (offset < length && count < index) {
    offset += sequenceLength(<u32>load<u8>(bytes + offset));
    count++;
  }
  return offset;
}

/** Unicode White_Space, as Go's unicode.IsSpace. */
export function isSpace(codePoint: u32): bool {
  if (codePoint <= 0xff) {
    return (
      codePoint == 0x20 ||
      (codePoint >= 0x09 && codePoint <= 0x0d) ||
      codePoint == 0x85 ||
      codePoint == 0xa0
    );
  }
  return (
    codePoint == 0x1680 ||
    (codePoint >= 0x2000 && codePoint <= 0x200a) ||
    codePoint == 0x2028 ||
    codePoint == 0x2029 ||
    codePoint == 0x202f ||
    codePoint == 0x205f ||
    codePoint == 0x3000
  );
}

/** Simple case mapping for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic. */
export function toLowerCodePoint(c: u32): u32 {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  if (c >= 0xc0 && c <= 0xde && c != 0xd7) return c + 0x20;
  if (c == 0x178) return 0xff;
  if (c >= 0x100 && c <= 0x17f) return latinExtendedIsUpper(c) ? c + 1 : c;
  if (c >= 0x391 && c <= 0x3ab && c != 0x3a2) return c + 0x20;
  if (c >= 0x410 && c <= 0x42f) return c + 0x20;
  if (c >= 0x400 && c <= 0x40f) return c + 0x50;
  return c;
}

export function toUpperCodePoint(c: u32): u32 {
  if (c < 0x80) return c >= 0x61 && c <= 0x7a ? c - 0x20 : c;
  if (c >= 0xe0 && c <= 0xfe && c != 0xf7) return c - 0x20;
  if (c == 0xff) return 0x178;
  if (c >= 0x100 && c <= 0x17f) return c > 0x100 && latinExtendedIsUpper(c - 1) ? c - 1 : c;
  if (c >= 0x3b1 && c <= 0x3cb && c != 0x3c2) return c - 0x20;
  if (c >= 0x430 && c <= 0x44f) return c - 0x20;
  if (c >= 0x450 && c <= 0x45f) return c - 0x50;
  return c;
}

/** Latin Extended-A pairs: upper case at even (or, in two runs, odd) code points. */
function latinExtendedIsUpper(c: u32): bool {
  if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17f) return false;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e)) return (c & 1) == 1;
  if (c == 0x178) return false; // Ÿ lowers to ÿ (U+00FF), handled by the caller's tables
  return (c & 1) == 0;
}
