import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from '../domain/retry-backoff';
import type { LrsConnectionRecord } from '../store/lrs-connection-record';
import type { XapiOutboxRepo } from '../store/xapi-outbox-repo';

/**
 * Sends the xAPI outbox to the configured LRS: oldest statements first, in batches; marks each
 * batch sent; on failure records the error on the rows and retries with exponential backoff and
 * jitter (capped), unless the LRS refused the request outright (e.g. 401, 400), when it waits for
 * "Send now". It does nothing while the browser is offline and starts again on the `online`
 * event. With no LRS configured it sends nothing, anywhere.
 */

/** Clock, timers, randomness and connectivity: the browser's in the app, fakes in tests. */
export interface DispatchEnvironment {
  now(): number;
  random(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  isOnline(): boolean;
  /** Calls back on the `online` / `offline` events; returns an unsubscribe function. */
  watchConnectivity(onOnline: () => void, onOffline: () => void): () => void;
}

/** Posts one batch; rejects with an error whose `retryable` says whether to try again later. */
export type PostStatements = (connection: LrsConnectionRecord, statements: readonly Record<string, unknown>[]) => Promise<void>;

export type DispatchPhase =
  /** No LRS configured: nothing is sent. */
  | 'not-configured'
  /** Nothing waiting, or the last batch went through. */
  | 'idle'
  | 'sending'
  /** The last try failed; another is due at `nextTryAt`. */
  | 'waiting-to-retry'
  /** The LRS refused the request; it is not retried until "Send now" or a new connection. */
  | 'stopped'
  /** The browser is offline; sending starts again when the connection returns. */
  | 'offline';

export interface DispatchStatus {
  readonly phase: DispatchPhase;
  /** Consecutive failed tries. */
  readonly failures: number;
  /** Epoch milliseconds of the next automatic try, when one is scheduled. */
  readonly nextTryAt?: number;
  readonly lastError?: string;
}

export interface XapiDispatch {
  /** Starts watching connectivity and sends whatever is waiting. */
  start(): void;
  stop(): void;
  /** "Send now": forgets the backoff and tries at once (if online). Resolves when this run ends. */
  sendNow(): Promise<void>;
  /** New statements were queued: sends them unless a retry is already scheduled or the LRS refused. */
  queued(): void;
  status(): DispatchStatus;
  observeStatus(onChange: (status: DispatchStatus) => void): () => void;
}

export interface DispatchOptions {
  readonly outbox: XapiOutboxRepo;
  readonly post: PostStatements;
  readonly env: DispatchEnvironment;
  readonly batchSize?: number;
  readonly backoff?: BackoffPolicy;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isRetryable(error: unknown): boolean {
  const flag = (error as { retryable?: unknown } | null)?.retryable;
  return typeof flag === 'boolean' ? flag : true;
}

export function createXapiDispatch(options: DispatchOptions): XapiDispatch {
  const { outbox, post, env } = options;
  const batchSize = options.batchSize ?? 50;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  let status: DispatchStatus = { phase: 'idle', failures: 0 };
  let timer: unknown;
  let running: Promise<void> | undefined;
  let again = false;
  let unwatch: (() => void) | undefined;
  const listeners = new Set<(status: DispatchStatus) => void>();

  function set(next: DispatchStatus): void {
    status = next;
    for (const listener of listeners) listener(status);
  }

  function clearRetry(): void {
    if (timer !== undefined) env.clearTimer(timer);
    timer = undefined;
  }

  async function sendWaiting(): Promise<void> {
    if (!env.isOnline()) {
      set({ ...status, phase: 'offline', nextTryAt: undefined });
      return;
    }
    const connection = await outbox.getConnection();
    if (!connection) {
      set({ phase: 'not-configured', failures: 0 });
      return;
    }
    for (;;) {
      const batch = await outbox.listWaiting(batchSize);
      if (batch.length === 0) {
        set({ phase: 'idle', failures: 0 });
        return;
      }
      set({ ...status, phase: 'sending', nextTryAt: undefined });
      const ids = batch.map((row) => row.id);
      try {
        await post(connection, batch.map((row) => row.statement));
      } catch (error) {
        const message = describe(error);
        await outbox.markFailed(ids, message, new Date(env.now()));
        const failures = status.failures + 1;
        if (!env.isOnline()) {
          set({ phase: 'offline', failures, lastError: message });
        } else if (isRetryable(error)) {
          const delay = backoffDelayMs(failures, env.random(), backoff);
          clearRetry();
          timer = env.setTimer(() => {
            timer = undefined;
            void run();
          }, delay);
          set({ phase: 'waiting-to-retry', failures, nextTryAt: env.now() + delay, lastError: message });
        } else {
          set({ phase: 'stopped', failures, lastError: message });
        }
        return;
      }
      await outbox.markSent(ids, new Date(env.now()));
      set({ phase: 'sending', failures: 0 });
    }
  }

  /** One run at a time; a request during a run makes it go round once more. */
  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await sendWaiting();
        } while (again && status.phase === 'idle');
      } catch (error) {
        set({ ...status, phase: 'stopped', lastError: describe(error) });
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  return {
    start() {
      if (unwatch) return;
      unwatch = env.watchConnectivity(
        () => {
          clearRetry();
          set({ ...status, failures: 0, phase: 'sending', nextTryAt: undefined });
          void run();
        },
        () => {
          clearRetry();
          set({ ...status, phase: 'offline', nextTryAt: undefined });
        },
      );
      void run();
    },
    stop() {
      unwatch?.();
      unwatch = undefined;
      clearRetry();
    },
    sendNow() {
      clearRetry();
      set({ ...status, failures: 0, nextTryAt: undefined });
      return run();
    },
    queued() {
      if (status.phase === 'waiting-to-retry' || status.phase === 'stopped' || status.phase === 'offline') return;
      void run();
    },
    status: () => status,
    observeStatus(onChange) {
      listeners.add(onChange);
      onChange(status);
      return () => listeners.delete(onChange);
    },
  };
}
