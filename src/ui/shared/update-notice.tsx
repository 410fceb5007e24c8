import { useState, useSyncExternalStore } from 'react';
import type { AppUpdates } from '../app-services';

const neverReady = { isUpdateReady: () => false, subscribe: () => () => {} } as const;

/**
 * "A new version is ready": a non-modal notice in a polite live region, with a button that
 * applies the update. The page never reloads by itself, so a call in progress is not cut off.
 * The live region (aria-live, always in the page) makes screen readers announce the text when it
 * appears; the notice itself is a region named by that text.
 */
export function UpdateNotice({ updates }: { updates: AppUpdates | undefined }) {
  const source = updates ?? neverReady;
  const ready = useSyncExternalStore(source.subscribe, source.isUpdateReady);
  const [applying, setApplying] = useState(false);
  return (
    // aria-live without role="status": the screens' own status messages stay the only ones.
    <div className="update-notice-region" aria-live="polite">
      {ready && updates && (
        <section className="update-notice" aria-labelledby="update-notice-text">
          <p id="update-notice-text">A new version of call-trainer is ready. Reload to update (finish a call in progress first: reloading ends it).</p>
          <button
            type="button"
            className="button primary"
            disabled={applying}
            onClick={() => {
              setApplying(true);
              void updates.applyUpdate();
            }}
          >
            {applying ? 'Updating…' : 'Reload to update'}
          </button>
        </section>
      )}
    </div>
  );
}
