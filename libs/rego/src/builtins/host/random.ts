import { randomInt } from 'node:crypto';
import { evaluationScoped } from './evaluation-scope';
import { define, type HostRegistry } from './host-builtin';
import { integerOperand, stringOperand } from './operands';

/** Registers rand.intn: a random integer in [0, |n|), the same for one (key, n) within an evaluation. */
export function register(into: HostRegistry): void {
  define(into, 'rand.intn', 2, (key: unknown, bound: unknown) => {
    const text = stringOperand('rand.intn', 1, key);
    const limit = Math.abs(integerOperand('rand.intn', 2, bound));
    if (limit === 0) return 0;
    return evaluationScoped(`rand.intn:${JSON.stringify([text, limit])}`, () =>
      // crypto.randomInt takes bounds below 2^48; larger bounds fall back to Math.random.
      limit <= 2 ** 48 ? randomInt(limit) : Math.floor(Math.random() * limit),
    );
  });
}
