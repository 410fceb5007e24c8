/// <reference types="vite-plugin-pwa/vanillajs" />
// The only file that imports virtual:pwa-register (ESLint enforces it): registering the service
// worker and learning that a new version is waiting happen here, and nowhere else.
import { registerSW } from 'virtual:pwa-register';
import type { AppUpdates } from '../ui/app-services';

/**
 * Registers the service worker that keeps the app, the scenarios and their audio available
 * offline. A new version is never applied by itself: when one is waiting, listeners hear of it,
 * and only `applyUpdate()` (the trainee's "Reload to update") activates it and reloads the page,
 * so a call in progress is never cut off.
 */
export function registerServiceWorkerUpdates(): AppUpdates {
  const listeners = new Set<() => void>();
  let ready = false;
  const updateServiceWorker = registerSW({
    onNeedRefresh() {
      ready = true;
      for (const listener of listeners) listener();
    },
    // Besides the check on every navigation, look for a new version once an hour: a trainee may
    // keep the app open all shift.
    onRegisteredSW(_url: string, registration: ServiceWorkerRegistration | undefined) {
      if (registration) setInterval(() => void registration.update().catch(() => {}), 60 * 60 * 1000);
    },
    onRegisterError(error: unknown) {
      // Offline use is a bonus on top of a working app: say why it is missing, do not stop.
      console.warn('call-trainer: offline use is unavailable, the service worker did not register:', error);
    },
  });
  return {
    isUpdateReady: () => ready,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    applyUpdate: () => updateServiceWorker(true),
  };
}
