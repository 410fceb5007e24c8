import type { YourData } from '../ui/app-services';

/**
 * `YourData` whose implementation loads on first use (see `xapi-wiring.ts`): each method waits
 * for it; `observeLrs` subscribes once it has loaded and can be unsubscribed before that.
 */
export function lazyYourData(load: () => Promise<YourData>, takeNotice: () => string | undefined, defaultActivityBase: string): YourData {
  return {
    defaultActivityBase,
    takeNotice,
    exportBackup: () => load().then((data) => data.exportBackup()),
    importBackup: (file) => load().then((data) => data.importBackup(file)),
    deleteAllData: () => load().then((data) => data.deleteAllData()),
    openProfile: (id) => load().then((data) => data.openProfile(id)),
    saveLrsConnection: (form) => load().then((data) => data.saveLrsConnection(form)),
    removeLrsConnection: () => load().then((data) => data.removeLrsConnection()),
    sendNow: () => load().then((data) => data.sendNow()),
    observeLrs(onChange, onError) {
      let stop: (() => void) | undefined;
      let stopped = false;
      load().then(
        (data) => {
          if (!stopped) stop = data.observeLrs(onChange, onError);
        },
        (error: unknown) => onError(error instanceof Error ? error.message : String(error)),
      );
      return () => {
        stopped = true;
        stop?.();
      };
    },
  };
}
