import { describe, expect, it } from 'vitest';
import { sharedFeed, type SharedFeedTimers } from '../../../src/app/shared-feed';

/** An upstream that counts its subscriptions and lets the test push values and errors. */
function countingUpstream() {
  const state = { subscriptions: 0, open: 0, push: (_value: number) => {}, fail: (_message: string) => {} };
  const observe = (onChange: (value: number) => void, onError: (message: string) => void) => {
    state.subscriptions += 1;
    state.open += 1;
    state.push = onChange;
    state.fail = onError;
    return () => {
      state.open -= 1;
    };
  };
  return { state, observe };
}

/** Timers the test fires by hand. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  const timers: SharedFeedTimers = {
    setTimeout(run) {
      next += 1;
      pending.set(next, run);
      return next;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  const fireAll = () => {
    for (const [handle, run] of [...pending]) {
      pending.delete(handle);
      run();
    }
  };
  return { timers, pending, fireAll };
}

describe('sharedFeed', () => {
  it('subscribes upstream once however many screens observe, and tells each of them every value', () => {
    const { state, observe } = countingUpstream();
    const feed = sharedFeed(observe, 1_000, manualTimers().timers);
    const seen: Array<[string, number]> = [];
    feed((v) => seen.push(['library', v]), () => {});
    feed((v) => seen.push(['dashboard', v]), () => {});
    state.push(3);
    expect(state.subscriptions).toBe(1);
    expect(seen).toEqual([
      ['library', 3],
      ['dashboard', 3],
    ]);
  });

  it('gives a new observer the latest value at once, without reading upstream again', () => {
    const { state, observe } = countingUpstream();
    const feed = sharedFeed(observe, 1_000, manualTimers().timers);
    const leaveLibrary = feed(() => {}, () => {});
    state.push(10_000);
    leaveLibrary();
    const seen: number[] = [];
    feed((v) => seen.push(v), () => {});
    expect(seen).toEqual([10_000]);
    expect(state.subscriptions).toBe(1);
  });

  it('closes upstream and forgets the value once nobody has observed it for the linger time', () => {
    const { state, observe } = countingUpstream();
    const { timers, fireAll } = manualTimers();
    const feed = sharedFeed(observe, 1_000, timers);
    const leave = feed(() => {}, () => {});
    state.push(5);
    leave();
    expect(state.open).toBe(1);
    fireAll();
    expect(state.open).toBe(0);
    const seen: number[] = [];
    feed((v) => seen.push(v), () => {});
    expect(seen).toEqual([]);
    expect(state.subscriptions).toBe(2);
  });

  it('keeps upstream open when a screen arrives within the linger time', () => {
    const { state, observe } = countingUpstream();
    const { timers, pending } = manualTimers();
    const feed = sharedFeed(observe, 1_000, timers);
    feed(() => {}, () => {})();
    expect(pending.size).toBe(1);
    feed(() => {}, () => {});
    expect(pending.size).toBe(0);
    expect(state.open).toBe(1);
  });

  it('passes an error to every observer and lets the next screen start afresh', () => {
    const { state, observe } = countingUpstream();
    const feed = sharedFeed(observe, 1_000, manualTimers().timers);
    const errors: string[] = [];
    const leave = feed(() => {}, (m) => errors.push(m));
    state.fail('your progress could not be read');
    expect(errors).toEqual(['your progress could not be read']);
    leave();
    expect(state.open).toBe(0);
    const seen: number[] = [];
    feed((v) => seen.push(v), () => {});
    expect(state.subscriptions).toBe(2);
    state.push(1);
    expect(seen).toEqual([1]);
  });

  it('ignores a second unsubscribe from the same screen', () => {
    const { observe } = countingUpstream();
    const { timers, pending } = manualTimers();
    const feed = sharedFeed(observe, 1_000, timers);
    const leave = feed(() => {}, () => {});
    feed(() => {}, () => {});
    leave();
    leave();
    expect(pending.size).toBe(0);
  });
});
