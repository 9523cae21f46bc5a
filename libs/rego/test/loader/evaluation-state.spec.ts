/**
 * State that outlives one evaluation: static constants (built once per instance, outside
 * the heap the runtime resets), rule memo slots (valid only in the evaluation generation
 * that wrote them) and lookups cached for the length of one call.
 */
import type { Policy } from '../../src/ir/ir';
import { loadCompiledPolicySync } from '../../src/loader';
import { dumpPolicyCode } from '../../src/wasm';
import { block, local, policy, ruleFunc, rulePlan, stmt, str } from '../wasm/ir-builders';
import { compileIr, loadIr, resultOf, VARIANTS } from './harness';

/**
 * `total` sums `input.step` once per element of `input.items` (the lookup of `step` sits in
 * the scan, as the planner places it), `constant` is a number kept as text and a string,
 * and the plan `twice` calls the memoised `total` twice.
 */
function statePolicy(): Policy {
  return policy({
    strings: ['result', 'items', 'step', 'big', 'name', 'acme'],
    numbers: ['123456789012345678901234567890'],
    funcs: [
      ruleFunc('test.total', [
        block(
          stmt({ type: 'MakeNumberIntStmt', value: 0, target: 3 }),
          stmt({ type: 'DotStmt', source: local(0), key: str(1), target: 4 }),
          stmt({
            type: 'ScanStmt',
            source: 4,
            key: 5,
            value: 6,
            block: block(
              stmt({ type: 'DotStmt', source: local(0), key: str(2), target: 7 }),
              stmt({ type: 'CallStmt', func: 'plus', args: [local(3), local(7)], result: 3 }),
            ),
          }),
          stmt({ type: 'AssignVarStmt', source: local(3), target: 2 }),
        ),
      ]),
      ruleFunc('test.constant', [
        block(
          stmt({ type: 'MakeObjectStmt', target: 2 }),
          stmt({ type: 'MakeNumberRefStmt', index: 0, target: 3 }),
          stmt({ type: 'ObjectInsertStmt', key: str(3), value: local(3), object: 2 }),
          stmt({ type: 'ObjectInsertStmt', key: str(4), value: str(5), object: 2 }),
        ),
      ]),
    ],
    plans: [
      rulePlan('test/total', 'test.total', 0),
      rulePlan('test/constant', 'test.constant', 0),
      {
        name: 'test/twice',
        blocks: [
          block(
            stmt({ type: 'CallStmt', func: 'test.total', args: [local(0), local(1)], result: 2 }),
            stmt({ type: 'CallStmt', func: 'test.total', args: [local(0), local(1)], result: 3 }),
            stmt({ type: 'MakeArrayStmt', capacity: 2, target: 4 }),
            stmt({ type: 'ArrayAppendStmt', value: local(2), array: 4 }),
            stmt({ type: 'ArrayAppendStmt', value: local(3), array: 4 }),
            stmt({ type: 'MakeObjectStmt', target: 5 }),
            stmt({ type: 'ObjectInsertStmt', key: str(0), value: local(4), object: 5 }),
            stmt({ type: 'ResultSetAddStmt', value: 5 }),
          ),
        ],
      },
    ],
  });
}

describe.each(VARIANTS)('evaluation state ($name)', (variant) => {
  it('keeps constants across evaluations and setData calls', async () => {
    const loaded = await loadIr(variant, statePolicy());
    for (let round = 0; round < 3; round++) {
      loaded.setData({ round, filler: 'x'.repeat(100 * round) });
      for (let repeat = 0; repeat < 3; repeat++) {
        // (The host's JSON.parse turns the kept digits into the nearest double.)
        expect(resultOf(loaded.evaluate({ repeat }, 'test/constant'))).toEqual({
          big: Number('123456789012345678901234567890'),
          name: 'acme',
        });
      }
    }
  });

  it('memoises a rule within one evaluation and recomputes it in the next', async () => {
    const loaded = await loadIr(variant, statePolicy());
    expect(resultOf(loaded.evaluate({ items: [1, 2, 3], step: 2 }, 'test/twice'))).toEqual([6, 6]);
    expect(resultOf(loaded.evaluate({ items: [1, 2], step: 5 }, 'test/twice'))).toEqual([10, 10]);
    expect(resultOf(loaded.evaluate({ items: [], step: 5 }, 'test/total'))).toBe(0);
    // A missing `step` fails every iteration's block, cached or not: nothing is added.
    expect(resultOf(loaded.evaluate({ items: [1, 2] }, 'test/total'))).toBe(0);
    expect(resultOf(loaded.evaluate({ items: [1], step: 1 }, 'test/total'))).toBe(1);
    expect(resultOf(loaded.evaluate(undefined, 'test/total'))).toBeUndefined();
  });
});

describe('evaluation generation', () => {
  /** The address policy_eval loads the generation from: its first `i32.const`. */
  function generationAddress(listing: string): number {
    const body = listing.slice(listing.indexOf('(func $policy_eval'));
    const match = /i32\.const (\d+)\s+i32\.load/.exec(body);
    if (!match) throw new Error(`no generation load in:\n${body.slice(0, 400)}`);
    return Number(match[1]);
  }

  it('never lets a generation of 0 or a pre-wrap slot pass for the current evaluation', () => {
    const ir = statePolicy();
    const address = generationAddress(dumpPolicyCode(ir));
    const compiled = compileIr(ir);

    // Fresh instance: the slot was never written (generation 0). Had the counter become
    // 0 on wrapping, that empty slot would read as a memoised "undefined".
    const fresh = loadCompiledPolicySync(compiled);
    new DataView(fresh.mem.buffer).setUint32(address, 0xffffffff, true);
    expect(resultOf(fresh.evaluate({ items: [1], step: 9 }, 'test/total'))).toBe(9);
    expect(new DataView(fresh.mem.buffer).getUint32(address, true)).toBe(1);

    // A slot written in generation 1 must not count again when the counter wraps to 1.
    const used = loadCompiledPolicySync(compiled);
    expect(resultOf(used.evaluate({ items: [1], step: 7 }, 'test/total'))).toBe(7);
    expect(new DataView(used.mem.buffer).getUint32(address, true)).toBe(1);
    new DataView(used.mem.buffer).setUint32(address, 0xffffffff, true);
    expect(resultOf(used.evaluate({ items: [1], step: 9 }, 'test/total'))).toBe(9);
    expect(resultOf(used.evaluate({ items: [1, 1], step: 4 }, 'test/total'))).toBe(8);
  });

  it('caches a constant-key lookup on an unchanged parameter and skips unused scan keys', () => {
    const listing = dumpPolicyCode(statePolicy());
    const total = listing.slice(listing.indexOf('(func $test.total'));
    const body = total.slice(0, total.indexOf('\n(func ', 1));
    // `input.step` runs under a guard on its cache local: it is not repeated per element.
    expect(body.match(/call \$rt_value_get_string/g)).toHaveLength(2);
    expect(body).toMatch(
      /local\.get \d+\s+i32\.eqz\s+if\s+local\.get 0\s+i32\.const \d+\s+i32\.const 4\s+call \$rt_value_get_string/,
    );
    expect(body).not.toContain('rt_iter_key');
  });
});
