/**
 * Which unfinished calls are on the line in some tab right now. A call screen holds a Web Lock
 * named after its call for as long as it is open; the browser releases it when the tab closes,
 * reloads or crashes. So a second tab does not offer to "resume" a call another tab is still
 * taking (two tabs carrying on one call would fork it), while a call whose tab has gone is
 * offered again.
 *
 * Where Web Locks are missing, nothing is ever held: every unfinished call is offered, as before.
 */
export interface CallPresence {
  /** Marks the call as on the line in this tab until the returned release is called. */
  hold(callId: string): () => void;
  /** The ids of calls on the line in any tab of this app. */
  heldCallIds(): Promise<ReadonlySet<string>>;
}

const LOCK_PREFIX = 'call-trainer:call-on-the-line:';

export function webLockPresence(locks: LockManager | undefined = globalThis.navigator?.locks): CallPresence {
  if (!locks) return { hold: () => () => undefined, heldCallIds: () => Promise.resolve(new Set()) };
  return {
    hold(callId) {
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      // Exclusive: were the same call open in another tab, this waits until that tab lets go.
      locks.request(LOCK_PREFIX + callId, () => held).catch(() => undefined);
      return () => release();
    },
    async heldCallIds() {
      const { held = [] } = await locks.query();
      const ids = new Set<string>();
      for (const lock of held) if (lock.name?.startsWith(LOCK_PREFIX)) ids.add(lock.name.slice(LOCK_PREFIX.length));
      return ids;
    },
  };
}
