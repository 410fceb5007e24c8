import { describe, expect, it } from 'vitest';
import { median, oneDecimal, verdict } from '../../../src/cli/bench/benchmark';

describe('bench figures', () => {
  it.each([
    [142.6, { atMost: 150 }, '✓ ≤ 150'],
    [150.1, { atMost: 150 }, '✗ ≤ 150'],
    [96, { atLeast: 95 }, '✓ ≥ 95'],
    [94, { atLeast: 95 }, '✗ ≥ 95'],
    [1258, undefined, ''],
  ])('%d against %o reads "%s"', (value, target, expected) => {
    expect(verdict(value, target)).toBe(expected);
  });

  it('takes the median and rounds to one decimal', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(oneDecimal(48.66)).toBe(48.7);
  });
});
