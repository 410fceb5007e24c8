/**
 * How long to wait before retrying after consecutive failures: exponential (base × 2^(n−1)),
 * capped, with "equal jitter" (a random half of the delay is added to a fixed half) so many PCs
 * coming back online at once do not retry in lockstep.
 */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

/** 5 s, 10 s, 20 s, 40 s … up to 5 minutes (before jitter). */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 300_000 };

/**
 * The delay before the next try.
 *
 * @param failures consecutive failures so far (1 after the first failure).
 * @param random a number in [0, 1), e.g. `Math.random()`; tests pass a fixed one.
 * @returns milliseconds, between half and all of `min(cap, base × 2^(failures−1))`.
 */
export function backoffDelayMs(failures: number, random: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const clamped = Math.min(Math.max(random, 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * clamped);
}
