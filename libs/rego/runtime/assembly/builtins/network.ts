// net.cidr_contains inside the module: IP allow-lists are checked on every decision, so
// the call must not cross to the host. Semantics follow Go's net.ParseIP, net.ParseCIDR
// and IPNet.Contains as OPA uses them (the host version in
// src/builtins/host/net/ip-address.ts is the reference; both are tested on the same table).
//
// An address is 16 bytes, big-endian, plus its width: 32 bits for IPv4 (and IPv4-mapped
// IPv6, as Go's To4 treats it) kept in the last four bytes, or 128 bits.

import { messageAbort, messageAppendBytes, messageAppendLiteral, messageStart } from '../errors';
import { booleanNew, stringBytes, stringLength } from '../value';
import { isString, strictBuiltinErrorsOn, typeError } from './support';

const NAME = 'net.cidr_contains';

// Static scratch: network, candidate address, and 16 bytes for IPv6 tail groups.
const networkBytes = memory.data(16);
const addressBytes = memory.data(16);
const tailGroups = memory.data(16);

let parseFailed = false;
/** Width (32 or 128) of the address the last successful parse wrote. */
let parsedBits: i32 = 0;

function fail(): u32 {
  parseFailed = true;
  return 0;
}

/** Dotted-quad IPv4; Go rejects leading zeros and octets above 255. */
function parseIpv4(at: usize, length: usize): u32 {
  parseFailed = false;
  let value: u32 = 0;
  let index: usize = 0;
  for (let octets = 0; octets < 4; octets++) {
    if (octets > 0) {
      if (index >= length || load<u8>(at + index) != 0x2e) return fail();
      index++;
    }
    const start = index;
    let octet: u32 = 0;
    while (index < length && index - start < 4) {
      const c = <u32>load<u8>(at + index);
      if (c < 0x30 || c > 0x39) break;
      octet = octet * 10 + (c - 0x30);
      index++;
    }
    const digits = index - start;
    if (digits == 0 || digits > 3 || octet > 255) return fail();
    if (digits > 1 && load<u8>(at + start) == 0x30) return fail();
    value = (value << 8) | octet;
  }
  if (index != length) return fail();
  return value;
}

function hexValue(c: u32): i32 {
  if (c >= 0x30 && c <= 0x39) return <i32>(c - 0x30);
  if (c >= 0x61 && c <= 0x66) return <i32>(c - 0x61 + 10);
  if (c >= 0x41 && c <= 0x46) return <i32>(c - 0x41 + 10);
  return -1;
}

function storeWord(at: usize, word: u32): void {
  store<u8>(at, <u8>(word >> 24));
  store<u8>(at + 1, <u8>(word >> 16));
  store<u8>(at + 2, <u8>(word >> 8));
  store<u8>(at + 3, <u8>word);
}

/**
 * Colon-separated groups of 1–4 hex digits written to `dest` (2 bytes each); the last
 * piece may be a dotted IPv4 address when `ipv4Last`. Returns the group count or -1.
 */
function parseGroups(at: usize, length: usize, dest: usize, ipv4Last: bool): i32 {
  if (length == 0) return 0;
  let count = 0;
  let index: usize = 0;
  while (true) {
    const start = index;
    let dotted = false;
    while (index < length && load<u8>(at + index) != 0x3a) {
      if (load<u8>(at + index) == 0x2e) dotted = true;
      index++;
    }
    const pieceLength = index - start;
    const last = index >= length;
    if (dotted) {
      if (!last || !ipv4Last || count > 6) return -1;
      const word = parseIpv4(at + start, pieceLength);
      if (parseFailed) return -1;
      storeWord(dest + ((<usize>count) << 1), word);
      return count + 2;
    }
    if (pieceLength == 0 || pieceLength > 4 || count >= 8) return -1;
    let group = 0;
    for (let i: usize = start; i < index; i++) {
      const digit = hexValue(<u32>load<u8>(at + i));
      if (digit < 0) return -1;
      group = (group << 4) | digit;
    }
    store<u8>(dest + ((<usize>count) << 1), <u8>(group >> 8));
    store<u8>(dest + ((<usize>count) << 1) + 1, <u8>group);
    count++;
    if (last) return count;
    index++;
    // A trailing colon leaves an empty last piece.
    if (index >= length) return -1;
  }
  return -1;
}

/** IPv6 text (with at most one `::`, optionally ending in dotted IPv4) into `out`. */
function parseIpv6(at: usize, length: usize, out: usize): bool {
  let gap: isize = -1;
  for (let i: usize = 0; i + 1 < length; i++) {
    if (load<u8>(at + i) == 0x3a && load<u8>(at + i + 1) == 0x3a) {
      gap = <isize>i;
      break;
    }
  }
  if (gap < 0) return parseGroups(at, length, out, true) == 8;
  const headLength = <usize>gap;
  const tailStart = headLength + 2;
  const head = parseGroups(at, headLength, out, false);
  const tail = parseGroups(at + tailStart, length - tailStart, tailGroups, true);
  if (head < 0 || tail < 0 || head + tail > 7) return false;
  const tailBytes = (<usize>tail) << 1;
  memory.fill(out + ((<usize>head) << 1), 0, 16 - ((<usize>head) << 1) - tailBytes);
  memory.copy(out + 16 - tailBytes, tailGroups, tailBytes);
  return true;
}

function isIpv4Mapped(bytes: usize): bool {
  for (let i: usize = 0; i < 10; i++) if (load<u8>(bytes + i) != 0) return false;
  return load<u8>(bytes + 10) == 0xff && load<u8>(bytes + 11) == 0xff;
}

/** Go's net.ParseIP into `out`; sets parsedBits. False when `text` is no address. */
function parseIp(at: usize, length: usize, out: usize): bool {
  const v4 = parseIpv4(at, length);
  if (!parseFailed) {
    memory.fill(out, 0, 12);
    storeWord(out + 12, v4);
    parsedBits = 32;
    return true;
  }
  if (!parseIpv6(at, length, out)) return false;
  parsedBits = isIpv4Mapped(out) ? 32 : 128;
  return true;
}

/** Keeps the first `prefix` bits of the `bits`-wide address in `bytes`, zeroing the rest. */
function applyMask(bytes: usize, bits: i32, prefix: i32, keepOnes: bool): void {
  const first = 16 - (bits >> 3);
  for (let i = first; i < 16; i++) {
    const bitOffset = (i - first) << 3;
    const kept = prefix - bitOffset;
    const mask: u32 = kept >= 8 ? 0xff : kept <= 0 ? 0 : (0xff << (8 - kept)) & 0xff;
    const byte = <u32>load<u8>(bytes + i);
    store<u8>(bytes + i, <u8>(keepOnes ? byte | (~mask & 0xff) : byte & mask));
  }
}

/**
 * Go's net.ParseCIDR into `out` (the masked network address). Returns the prefix length
 * and sets parsedBits, or -1. `::ffff:a.b.c.d/n` is an IPv4 network when n >= 96.
 */
function parseCidr(at: usize, length: usize, out: usize): i32 {
  let slash: usize = 0;
  while (slash < length && load<u8>(at + slash) != 0x2f) slash++;
  if (slash >= length) return -1;
  const digits = length - slash - 1;
  if (digits == 0 || digits > 3) return -1;
  let prefix = 0;
  for (let i = slash + 1; i < length; i++) {
    const c = <i32>load<u8>(at + i);
    if (c < 0x30 || c > 0x39) return -1;
    prefix = prefix * 10 + (c - 0x30);
  }
  parseIpv4(at, slash);
  const ipv4Text = !parseFailed;
  if (!parseIp(at, slash, out)) return -1;
  if (prefix > (ipv4Text ? 32 : 128)) return -1;
  if (!ipv4Text && parsedBits == 32) {
    if (prefix < 96) parsedBits = 128;
    else prefix -= 96;
  }
  applyMask(out, parsedBits, prefix, false);
  return prefix;
}

/** Whether the `bits`-wide `address` lies in the network (`networkBytes`, bits, prefix). */
function networkContains(bits: i32, prefix: i32, address: usize, addressBitsWide: i32): bool {
  if (bits != addressBitsWide) return false;
  applyMask(address, bits, prefix, false);
  // Only the address's own width counts: an IPv4-mapped address keeps its ::ffff: bytes.
  const first = 16 - (bits >> 3);
  return memory.compare(address + first, networkBytes + first, 16 - first) == 0;
}

function invalidCidr(text: usize): i32 {
  if (!strictBuiltinErrorsOn()) return 0;
  messageStart();
  messageAppendLiteral('eval_builtin_error: ');
  messageAppendLiteral(NAME);
  messageAppendLiteral(': invalid CIDR address: ');
  messageAppendBytes(stringBytes(text), stringLength(text));
  messageAbort();
  return 0;
}

/** net.cidr_contains(cidr, cidr_or_ip): true when the address, or the whole CIDR, is inside. */
export function rt_builtin_net_cidr_contains(cidr: i32, cidrOrIp: i32): i32 {
  if (!isString(<usize>cidr)) return <i32>typeError(NAME, 1, 'string', <usize>cidr);
  if (!isString(<usize>cidrOrIp)) return <i32>typeError(NAME, 2, 'string', <usize>cidrOrIp);
  const prefix = parseCidr(stringBytes(<usize>cidr), stringLength(<usize>cidr), networkBytes);
  if (prefix < 0) return invalidCidr(<usize>cidr);
  const bits = parsedBits;
  const text = stringBytes(<usize>cidrOrIp);
  const length = stringLength(<usize>cidrOrIp);
  if (parseIp(text, length, addressBytes))
    return <i32>booleanNew(networkContains(bits, prefix, addressBytes, parsedBits));
  const innerPrefix = parseCidr(text, length, addressBytes);
  if (innerPrefix < 0) return invalidCidr(<usize>cidrOrIp);
  const innerBits = parsedBits;
  // Contained when both the first and the last address of the inner network are.
  if (!networkContains(bits, prefix, addressBytes, innerBits)) return <i32>booleanNew(false);
  parseCidr(text, length, addressBytes);
  applyMask(addressBytes, innerBits, innerPrefix, true);
  return <i32>booleanNew(networkContains(bits, prefix, addressBytes, innerBits));
}
