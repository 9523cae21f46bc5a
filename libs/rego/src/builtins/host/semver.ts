import { BuiltinError } from '../builtin-error';
import { define, type HostRegistry } from './host-builtin';
import { stringOperand } from './operands';

const NUMERIC = '0|[1-9][0-9]*';
const PRERELEASE_PART = `(?:${NUMERIC}|[0-9]*[A-Za-z-][0-9A-Za-z-]*)`;
// Semantic Versioning 2.0.0: no leading zeros in numbers, non-empty identifiers.
const SEMVER = new RegExp(
  `^(${NUMERIC})\\.(${NUMERIC})\\.(${NUMERIC})` +
    `(?:-(${PRERELEASE_PART}(?:\\.${PRERELEASE_PART})*))?` +
    `(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?$`,
);

interface Version {
  core: bigint[];
  prerelease: string[];
}

function parseVersion(text: string): Version | undefined {
  const match = SEMVER.exec(text);
  if (!match) return undefined;
  return {
    core: [match[1], match[2], match[3]].map(BigInt),
    prerelease: match[4] ? match[4].split('.') : [],
  };
}

function compareIdentifiers(left: string, right: string): number {
  const leftNumeric = /^[0-9]+$/.test(left);
  const rightNumeric = /^[0-9]+$/.test(right);
  if (leftNumeric && rightNumeric) return Math.sign(Number(BigInt(left) - BigInt(right)));
  // Numeric identifiers have lower precedence than alphanumeric ones.
  if (leftNumeric !== rightNumeric) return leftNumeric ? -1 : 1;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Semver precedence: core numbers, then pre-release (a pre-release sorts first); build metadata is ignored. */
export function compareVersions(left: Version, right: Version): number {
  for (let index = 0; index < 3; index++) {
    if (left.core[index] !== right.core[index])
      return left.core[index] < right.core[index] ? -1 : 1;
  }
  if (left.prerelease.length === 0 || right.prerelease.length === 0) {
    return Math.sign(right.prerelease.length - left.prerelease.length) || 0;
  }
  for (let index = 0; index < Math.min(left.prerelease.length, right.prerelease.length); index++) {
    const order = compareIdentifiers(left.prerelease[index], right.prerelease[index]);
    if (order !== 0) return order;
  }
  return Math.sign(left.prerelease.length - right.prerelease.length);
}

function versionOperand(position: number, value: unknown): Version {
  const text = stringOperand('semver.compare', position, value);
  const version = parseVersion(text);
  if (!version) {
    throw new BuiltinError(
      'semver.compare',
      `operand ${position}: string ${JSON.stringify(text)} is not a valid SemVer`,
    );
  }
  return version;
}

/** Registers semver.is_valid and semver.compare. */
export function register(into: HostRegistry): void {
  define(
    into,
    'semver.is_valid',
    1,
    (value: unknown) => typeof value === 'string' && parseVersion(value) !== undefined,
  );
  define(into, 'semver.compare', 2, (left: unknown, right: unknown) =>
    compareVersions(versionOperand(1, left), versionOperand(2, right)),
  );
}
