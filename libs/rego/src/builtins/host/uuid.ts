import { randomUUID } from 'node:crypto';
import { evaluationScoped } from './evaluation-scope';
import { define, type HostRegistry } from './host-builtin';
import { stringOperand } from './operands';

// 100-ns intervals between 1582-10-15 (the UUID epoch) and 1970-01-01.
const GREGORIAN_OFFSET = 122192928000000000n;
const DOMAINS = ['Person', 'Group', 'Org'];

/** Parses the forms google/uuid accepts: plain, {braced}, urn:uuid:, or 32 hex digits. */
function uuidBytes(text: string): Buffer | undefined {
  let body = text;
  if (body.length === 45 && body.toLowerCase().startsWith('urn:uuid:')) body = body.slice(9);
  else if (body.length === 38 && body.startsWith('{') && body.endsWith('}'))
    body = body.slice(1, -1);
  if (body.length === 36) {
    if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(body))
      return undefined;
    body = body.replaceAll('-', '');
  }
  if (!/^[0-9a-fA-F]{32}$/.test(body)) return undefined;
  return Buffer.from(body, 'hex');
}

function variantOf(byte: number): string {
  if ((byte & 0xc0) === 0x80) return 'RFC4122';
  if ((byte & 0xe0) === 0xc0) return 'Microsoft';
  if ((byte & 0xe0) === 0xe0) return 'Future';
  return 'Reserved';
}

/** The fields OPA's uuid.parse reports; version 1 and 2 add time, clock sequence and node. */
export function describeUuid(text: string): Record<string, unknown> | undefined {
  const bytes = uuidBytes(text);
  if (!bytes) return undefined;
  const version = bytes[6] >> 4;
  const result: Record<string, unknown> = { version, variant: variantOf(bytes[8]) };
  if (version !== 1 && version !== 2) return result;
  const high = BigInt(bytes.readUInt16BE(6) & 0x0fff) << 48n;
  const middle = BigInt(bytes.readUInt16BE(4)) << 32n;
  // google/uuid reads the low field as time even for version 2, where it holds the local id.
  const low = BigInt(bytes.readUInt32BE(0));
  result.time = Number(((high | middle | low) - GREGORIAN_OFFSET) * 100n);
  result.clocksequence = bytes.readUInt16BE(8) & 0x3fff;
  result.nodeid = [...bytes.subarray(10)]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('-');
  const local = (bytes[10] & 0x02) !== 0 ? 'local' : 'global';
  const cast = (bytes[10] & 0x01) !== 0 ? 'multicast' : 'unicast';
  result.macvariables = `${local}:${cast}`;
  if (version === 2) {
    result.id = bytes.readUInt32BE(0);
    result.domain = DOMAINS[bytes[9]] ?? `Domain${bytes[9]}`;
  }
  return result;
}

/** Registers uuid.rfc4122 (one random v4 UUID per key and evaluation) and uuid.parse. */
export function register(into: HostRegistry): void {
  define(into, 'uuid.rfc4122', 1, (key: unknown) => {
    const text = stringOperand('uuid.rfc4122', 1, key);
    return evaluationScoped(`uuid.rfc4122:${text}`, () => randomUUID());
  });
  // An unparsable string is undefined, not an error, as in OPA.
  define(into, 'uuid.parse', 1, (value: unknown) =>
    describeUuid(stringOperand('uuid.parse', 1, value)),
  );
}
