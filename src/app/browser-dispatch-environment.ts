import type { DispatchEnvironment } from './xapi-dispatch';

/** The real clock, timers, randomness and `online`/`offline` events for the xAPI dispatcher. */
export function browserDispatchEnvironment(): DispatchEnvironment {
  return {
    now: () => Date.now(),
    random: () => Math.random(),
    setTimer: (run, ms) => window.setTimeout(run, ms),
    clearTimer: (handle) => window.clearTimeout(handle as number),
    isOnline: () => navigator.onLine,
    watchConnectivity(onOnline, onOffline) {
      window.addEventListener('online', onOnline);
      window.addEventListener('offline', onOffline);
      return () => {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
      };
    },
  };
}
