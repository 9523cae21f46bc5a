import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { define, type HostRegistry } from './host-builtin';
import { stringOperand } from './operands';

const DIGESTS: Array<[string, string]> = [
  ['crypto.md5', 'md5'],
  ['crypto.sha1', 'sha1'],
  ['crypto.sha256', 'sha256'],
];
const HMACS: Array<[string, string]> = [
  ['crypto.hmac.md5', 'md5'],
  ['crypto.hmac.sha1', 'sha1'],
  ['crypto.hmac.sha256', 'sha256'],
  ['crypto.hmac.sha512', 'sha512'],
];

/** Registers the digests, HMACs and crypto.hmac.equal (results as lower-case hex, as OPA). */
export function register(into: HostRegistry): void {
  for (const [name, algorithm] of DIGESTS) {
    define(into, name, 1, (value: unknown) =>
      createHash(algorithm)
        .update(stringOperand(name, 1, value), 'utf8')
        .digest('hex'),
    );
  }
  for (const [name, algorithm] of HMACS) {
    define(into, name, 2, (message: unknown, key: unknown) => {
      const text = stringOperand(name, 1, message);
      const secret = stringOperand(name, 2, key);
      return createHmac(algorithm, Buffer.from(secret, 'utf8')).update(text, 'utf8').digest('hex');
    });
  }
  define(into, 'crypto.hmac.equal', 2, (left: unknown, right: unknown) => {
    const a = Buffer.from(stringOperand('crypto.hmac.equal', 1, left), 'utf8');
    const b = Buffer.from(stringOperand('crypto.hmac.equal', 2, right), 'utf8');
    // Constant time for equal lengths, like Go's hmac.Equal.
    return a.length === b.length && timingSafeEqual(a, b);
  });
}
