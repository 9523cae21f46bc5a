import { BuiltinError } from '../builtin-error';
import { define, type HostRegistry } from './host-builtin';
import { isJsonObject, stringOperand } from './operands';
import { toSetArray } from './values';
import { mergeNetworks } from './net/cidr-merge';
import {
  containsAddress,
  formatCidr,
  formatIp,
  lastAddress,
  parseCidr,
  parseIp,
  type IpNetwork,
} from './net/ip-address';

/** The most addresses net.cidr_expand returns; past it the call fails rather than exhaust memory. */
export const MAX_EXPANDED_ADDRESSES = 1 << 16;

function cidrOperand(builtin: string, position: number, value: unknown): IpNetwork {
  const text = stringOperand(builtin, position, value);
  const network = parseCidr(text);
  if (!network) throw new BuiltinError(builtin, `invalid CIDR address: ${text}`);
  return network;
}

/** True when `network` holds the address or the whole CIDR written in `text`. */
function containsText(builtin: string, network: IpNetwork, text: string): boolean {
  const address = parseIp(text);
  if (address) return containsAddress(network, address);
  const inner = parseCidr(text);
  if (!inner) throw new BuiltinError(builtin, `invalid CIDR address: ${text}`);
  const last = { value: lastAddress(inner), bits: inner.address.bits };
  return containsAddress(network, inner.address) && containsAddress(network, last);
}

function cidrContains(builtin: string) {
  return (cidr: unknown, cidrOrIp: unknown) => {
    const network = cidrOperand(builtin, 1, cidr);
    return containsText(builtin, network, stringOperand(builtin, 2, cidrOrIp));
  };
}

/**
 * The (key, CIDR text) entries of a net.cidr_contains_matches operand: a string is its
 * own key, array elements are keyed by index (sets arrive as arrays, so they are too),
 * object entries by key; an element may be `[cidr, ...extra]`.
 */
function matchEntries(builtin: string, position: number, value: unknown): Array<[unknown, string]> {
  const textOf = (item: unknown): string => {
    const text = Array.isArray(item) ? item[0] : item;
    if (typeof text !== 'string') {
      throw new BuiltinError(
        builtin,
        `operand ${position}: expected CIDR or IP string, got ${JSON.stringify(item)}`,
      );
    }
    return text;
  };
  if (typeof value === 'string') return [[value, value]];
  if (Array.isArray(value)) return value.map((item, index) => [index, textOf(item)]);
  if (isJsonObject(value)) return Object.entries(value).map(([key, item]) => [key, textOf(item)]);
  throw BuiltinError.operandType(builtin, position, 'string, array, object or set', value);
}

/** Registers the net.cidr_* family. */
export function register(into: HostRegistry): void {
  define(into, 'net.cidr_contains', 2, cidrContains('net.cidr_contains'));
  define(into, 'net.cidr_overlap', 2, cidrContains('net.cidr_overlap'));

  define(into, 'net.cidr_intersects', 2, (left: unknown, right: unknown) => {
    const a = cidrOperand('net.cidr_intersects', 1, left);
    const b = cidrOperand('net.cidr_intersects', 2, right);
    return containsAddress(a, b.address) || containsAddress(b, a.address);
  });

  define(
    into,
    'net.cidr_is_valid',
    1,
    (value: unknown) => typeof value === 'string' && parseCidr(value) !== undefined,
  );

  define(into, 'net.cidr_expand', 1, (value: unknown) => {
    const network = cidrOperand('net.cidr_expand', 1, value);
    const count = lastAddress(network) - network.address.value + 1n;
    if (count > BigInt(MAX_EXPANDED_ADDRESSES)) {
      throw new BuiltinError(
        'net.cidr_expand',
        `${formatCidr(network)} has more than ${MAX_EXPANDED_ADDRESSES} addresses`,
      );
    }
    const addresses: string[] = [];
    for (let offset = 0n; offset < count; offset++) {
      addresses.push(
        formatIp({ value: network.address.value + offset, bits: network.address.bits }),
      );
    }
    return toSetArray(addresses);
  });

  define(into, 'net.cidr_merge', 1, (value: unknown) => {
    if (!Array.isArray(value))
      throw BuiltinError.operandType('net.cidr_merge', 1, 'array or set', value);
    const networks = value.map((item) => {
      if (typeof item !== 'string')
        throw BuiltinError.operandType('net.cidr_merge', 1, 'string elements', item);
      const address = item.includes('/') ? undefined : parseIp(item);
      const network = address ? { address, prefix: address.bits } : parseCidr(item);
      if (!network) throw new BuiltinError('net.cidr_merge', `IP address or CIDR invalid: ${item}`);
      return network;
    });
    return toSetArray(mergeNetworks(networks).map(formatCidr));
  });

  define(into, 'net.cidr_contains_matches', 2, (cidrs: unknown, cidrsOrIps: unknown) => {
    const builtin = 'net.cidr_contains_matches';
    const outer = matchEntries(builtin, 1, cidrs).map(([key, text]) => {
      const network = parseCidr(text);
      if (!network) throw new BuiltinError(builtin, `invalid CIDR address: ${text}`);
      return [key, network] as const;
    });
    const inner = matchEntries(builtin, 2, cidrsOrIps);
    const matches: unknown[] = [];
    for (const [outerKey, network] of outer) {
      for (const [innerKey, text] of inner) {
        if (containsText(builtin, network, text)) matches.push([outerKey, innerKey]);
      }
    }
    return toSetArray(matches);
  });
}
