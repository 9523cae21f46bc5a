/**
 * Cheap coverage feedback for text fuzzing. Instrumenting the compiler for branch coverage
 * would slow every case down; instead each outcome is reduced to a signature (which
 * diagnostic, with names and numbers blanked out, or which kind of success) and an input
 * that produced a signature never seen before joins the pool that later mutations start
 * from. Diagnostics map closely onto parser and checker branches, so the pool drifts
 * towards inputs reaching new error paths, as a coverage-guided fuzzer's corpus does.
 */
import fc from 'fast-check';
import { applyEdits, editArbitrary } from './rego-mutations';

/** Keeps the pool (and the cost of a shrink) bounded in long runs. */
const MAX_POOL_SIZE = 5_000;

export class FeedbackPool {
  private readonly inputs: string[];
  private readonly signatures = new Set<string>();

  constructor(seeds: readonly string[]) {
    if (seeds.length === 0) throw new Error('a feedback pool needs at least one seed input');
    this.inputs = [...seeds];
  }

  get size(): number {
    return this.inputs.length;
  }

  get signatureCount(): number {
    return this.signatures.size;
  }

  /** Records the outcome of `input`; keeps the input when the outcome is new. */
  observe(input: string, signature: string): void {
    if (this.signatures.has(signature)) return;
    this.signatures.add(signature);
    if (this.inputs.length < MAX_POOL_SIZE) this.inputs.push(input);
  }

  /**
   * A pool input with 1–6 edits. The pool is read when the value is generated, so inputs
   * kept earlier in the run are mutated further; a run stays reproducible from its seed
   * because the pool grows the same way each time.
   */
  mutatedInput(): fc.Arbitrary<string> {
    return fc
      .tuple(fc.nat(), fc.nat(), fc.array(editArbitrary, { minLength: 1, maxLength: 6 }))
      .map(([pick, donorPick, edits]) =>
        applyEdits(
          this.inputs[pick % this.inputs.length],
          edits,
          this.inputs[donorPick % this.inputs.length],
        ),
      );
  }
}

/** A diagnostic message with identifiers, numbers and quoted text blanked out. */
export function messageShape(message: string): string {
  return message
    .replace(/"(?:[^"\\]|\\.)*"|`[^`]*`|'[^']*'/g, 'S')
    .replace(/\d+/g, 'N')
    .replace(/\b[a-z_][\w.]*\b/gi, (word) => (KEYWORDS.has(word) ? word : 'I'))
    .slice(0, 120);
}

/** Words kept in a message shape: they tell error paths apart. */
const KEYWORDS = new Set([
  'expected',
  'unexpected',
  'token',
  'unsafe',
  'var',
  'recursion',
  'conflict',
  'type',
  'undefined',
  'function',
  'rule',
  'import',
  'package',
  'some',
  'every',
  'with',
  'not',
  'else',
  'default',
  'contains',
  'if',
  'in',
  'arity',
  'string',
  'number',
  'array',
  'object',
  'set',
  'boolean',
  'null',
  'eof',
  'EOF',
  'keyword',
  'reserved',
  'shadow',
  'assigned',
  'comprehension',
  'call',
  'builtin',
]);
