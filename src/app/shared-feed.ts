/**
 * One upstream subscription shared by every screen that observes the same live value (a
 * profile's attempt digests, say), remembering the latest value so that the next screen gets it
 * at once instead of reading the database again.
 *
 * The library, the dashboard and the CPD log all read the same 10,000 digests: without sharing,
 * each navigation re-read and re-parsed them all. When the last observer leaves, the upstream
 * subscription is kept for `lingerMs` (a navigation unmounts one screen just before mounting the
 * next), then closed and the remembered value dropped, so nothing stale outlives it.
 */
export type Observe<T> = (onChange: (value: T) => void, onError: (message: string) => void) => () => void;

export interface SharedFeedTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserTimers: SharedFeedTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

type Latest<T> = { readonly kind: 'value'; readonly value: T } | { readonly kind: 'error'; readonly message: string };

export function sharedFeed<T>(upstream: Observe<T>, lingerMs = 10_000, timers: SharedFeedTimers = browserTimers): Observe<T> {
  const observers = new Set<{ onChange: (value: T) => void; onError: (message: string) => void }>();
  let latest: Latest<T> | undefined;
  let unsubscribeUpstream: (() => void) | undefined;
  let closing: unknown;

  const close = () => {
    closing = undefined;
    unsubscribeUpstream?.();
    unsubscribeUpstream = undefined;
    latest = undefined;
  };

  return (onChange, onError) => {
    const observer = { onChange, onError };
    observers.add(observer);
    if (closing !== undefined) {
      timers.clearTimeout(closing);
      closing = undefined;
    }
    if (latest?.kind === 'value') onChange(latest.value);
    else if (latest?.kind === 'error') onError(latest.message);
    if (!unsubscribeUpstream) {
      unsubscribeUpstream = upstream(
        (value) => {
          latest = { kind: 'value', value };
          for (const o of [...observers]) o.onChange(value);
        },
        (message) => {
          latest = { kind: 'error', message };
          for (const o of [...observers]) o.onError(message);
        },
      );
    }
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      observers.delete(observer);
      if (observers.size > 0 || !unsubscribeUpstream) return;
      // A failed feed is not worth keeping: the next screen subscribes afresh.
      if (latest?.kind === 'error') close();
      else closing = timers.setTimeout(close, lingerMs);
    };
  };
}
