import { controlFlowPolicy } from '../wasm/sample-policies';
import { loadIr, resultOf, VARIANTS } from './harness';

describe.each(VARIANTS)('control flow ($name)', (variant) => {
  it('breaks out of blocks, scans and a with, restoring input on the way', async () => {
    const policy = await loadIr(variant, controlFlowPolicy());
    expect(resultOf(policy.evaluate({ items: [1, 2] }))).toEqual([
      'a',
      'b',
      'p',
      'stopped',
      [1, 2],
    ]);
    // Without input.items the with still applies inside; after it the lookup fails and
    // block2 is skipped.
    expect(resultOf(policy.evaluate({}))).toEqual(['a', 'b', 'p', 'stopped']);
  });
});
