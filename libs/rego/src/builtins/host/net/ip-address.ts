/** An IP address as an integer plus its family width (32 or 128 bits). */
export interface IpAddress {
  value: bigint;
  bits: 32 | 128;
}

/** A network: first address and prefix length. */
export interface IpNetwork {
  address: IpAddress;
  prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseIpv4(text: string): bigint | undefined {
  const match = IPV4.exec(text);
  if (!match) return undefined;
  let value = 0n;
  for (const part of match.slice(1)) {
    // Go rejects leading zeros (they would read as octal elsewhere) and values above 255.
    if ((part.length > 1 && part.startsWith('0')) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  // Only the last piece of the whole address may be dotted IPv4 (Go rejects `1.2.3.4::`).
  const groupsOf = (part: string, lastPart: boolean): number[] | undefined => {
    if (part === '') return [];
    const groups: number[] = [];
    const pieces = part.split(':');
    for (let index = 0; index < pieces.length; index++) {
      const piece = pieces[index];
      if (lastPart && index === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (v4 === undefined) return undefined;
        groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(piece)) {
        groups.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return groups;
  };
  const head = groupsOf(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? groupsOf(halves[1], true) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [
    ...head,
    ...new Array<number>(halves.length === 2 ? missing : 0).fill(0),
    ...tail,
  ];
  return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

const V4_MAPPED_PREFIX = 0xffffn << 32n;

/** Go's net.ParseIP (no zones); an IPv4-mapped IPv6 address counts as IPv4, as Go's To4 does. */
export function parseIp(text: string): IpAddress | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { value: v4, bits: 32 };
  const v6 = parseIpv6(text);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return { value: v6 & 0xffffffffn, bits: 32 };
  return { value: v6, bits: 128 };
}

/** Go's net.ParseCIDR: the address is masked to the network address. */
export function parseCidr(text: string): IpNetwork | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addressText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const isV4Text = IPV4.test(addressText);
  const address = isV4Text ? parseIp(addressText) : parseIpv6Only(addressText);
  if (!address) return undefined;
  const prefix = Number(prefixText);
  // An IPv6-written address (even v4-mapped) takes a 0-128 prefix.
  const width = isV4Text ? 32 : 128;
  if (prefix > width) return undefined;
  if (!isV4Text && address.bits === 32) {
    // ::ffff:a.b.c.d/n with n >= 96 is an IPv4 network, as in Go.
    if (prefix < 96)
      return { address: { value: V4_MAPPED_PREFIX | address.value, bits: 128 }, prefix };
    return normalise({ address, prefix: prefix - 96 });
  }
  return normalise({ address, prefix });
}

function parseIpv6Only(text: string): IpAddress | undefined {
  return IPV4.test(text) ? undefined : parseIp(text);
}

function normalise(network: IpNetwork): IpNetwork {
  return {
    address: { value: network.address.value & maskOf(network), bits: network.address.bits },
    prefix: network.prefix,
  };
}

export function maskOf(network: IpNetwork): bigint {
  const width = BigInt(network.address.bits);
  const all = (1n << width) - 1n;
  return (all << (width - BigInt(network.prefix))) & all;
}

export function lastAddress(network: IpNetwork): bigint {
  const width = BigInt(network.address.bits);
  return network.address.value | (((1n << width) - 1n) ^ maskOf(network));
}

export function containsAddress(network: IpNetwork, address: IpAddress): boolean {
  if (network.address.bits !== address.bits) return false;
  return (address.value & maskOf(network)) === network.address.value;
}

/** Go's IP.String: dotted IPv4, RFC 5952 IPv6 (longest zero run compressed). */
export function formatIp(address: IpAddress): string {
  if (address.bits === 32) {
    return [24n, 16n, 8n, 0n].map((shift) => String((address.value >> shift) & 0xffn)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, index) =>
    Number((address.value >> BigInt(112 - index * 16)) & 0xffffn),
  );
  let bestStart = -1;
  let bestLength = 0;
  for (let start = 0; start < 8;) {
    if (groups[start] !== 0) {
      start++;
      continue;
    }
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > bestLength && end - start >= 2) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

export function formatCidr(network: IpNetwork): string {
  return `${formatIp(network.address)}/${network.prefix}`;
}
