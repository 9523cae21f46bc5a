import { lastAddress, type IpNetwork } from './ip-address';

/** Merges networks into the fewest covering CIDRs (contained ones dropped, sibling halves joined). */
export function mergeNetworks(networks: IpNetwork[]): IpNetwork[] {
  const merged: IpNetwork[] = [];
  for (const bits of [32, 128] as const) {
    merged.push(...mergeFamily(networks.filter((network) => network.address.bits === bits)));
  }
  return merged;
}

function mergeFamily(networks: IpNetwork[]): IpNetwork[] {
  let current = [...networks].sort((a, b) =>
    a.address.value === b.address.value
      ? a.prefix - b.prefix
      : a.address.value < b.address.value
        ? -1
        : 1,
  );
  for (;;) {
    const next: IpNetwork[] = [];
    for (const network of current) {
      const last = next[next.length - 1];
      // Drop a network inside the previous one (sorted by start, widest first).
      if (last && network.address.value <= lastAddress(last)) continue;
      if (last && areSiblings(last, network)) {
        next[next.length - 1] = { address: last.address, prefix: last.prefix - 1 };
        continue;
      }
      next.push(network);
    }
    if (next.length === current.length) return next;
    current = next;
  }
}

function areSiblings(first: IpNetwork, second: IpNetwork): boolean {
  if (first.prefix !== second.prefix || first.prefix === 0) return false;
  const size = 1n << BigInt(first.address.bits - first.prefix);
  // The pair must be the two halves of one parent: first aligned on twice the size.
  return (
    first.address.value % (size * 2n) === 0n && second.address.value === first.address.value + size
  );
}
