import { describe, expect, it } from 'vitest';
import { inliningFlag } from '../../src/wiki/load/v8-inlining-budget.js';

describe('inlining budget for parsing', () => {
  it('asks V8 for the smaller budget by default', () => {
    expect(inliningFlag([])).toBe('--max-inlined-bytecode-size-cumulative=100');
    expect(inliningFlag(['--enable-source-maps', '--max-old-space-size=4096'])).toBe('--max-inlined-bytecode-size-cumulative=100');
  });

  it('leaves a budget given on the node command line alone, however it is spelt', () => {
    expect(inliningFlag(['--max-inlined-bytecode-size-cumulative=500'])).toBeUndefined();
    expect(inliningFlag(['--max_inlined_bytecode_size_cumulative=500'])).toBeUndefined();
  });

  it('is not confused by the other inlining flags', () => {
    expect(inliningFlag(['--max-inlined-bytecode-size=200'])).toBe('--max-inlined-bytecode-size-cumulative=100');
  });
});
