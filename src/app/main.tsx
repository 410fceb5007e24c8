// The composition root: the one place that wires real implementations (Howler audio, the
// Dexie database, the clock) into the screens. Everything below receives them as services.
import './zod-without-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ForcePolicy } from '../domain/force-policy-schema';
import type { AttemptRecord } from '../store/attempt-record';
import { createAttemptsRepo } from '../store/attempts-repo';
import { CallTrainerDb } from '../store/call-trainer-db';
import { createProfilesRepo } from '../store/profiles-repo';
import { AppShell } from '../ui/app-shell';
import { ServicesProvider, type AppServices, type CallAudio } from '../ui/app-services';
import '../ui/styles.css';
import { createAttemptHistory } from './attempt-history';
import { createBundledDrills } from './bundled-drills';
import { createBundledCatalogue } from './bundled-scenarios';
import { connectLms, detectLmsLaunch } from './lms-launch';
import { registerServiceWorkerUpdates } from './service-worker-updates';

async function start(root: HTMLElement): Promise<void> {
  const db = new CallTrainerDb();
  const profile = await createProfilesRepo(db).ensureDefaultProfile();
  const catalogue = createBundledCatalogue();
  let audio: Promise<CallAudio> | undefined;
  // Howler and the call machine load with the call screen, not with the library.
  const loadAudio = () => (audio ??= import('../call/howler-audio').then(({ createHowlerAudio }) => createHowlerAudio()));
  const now = () => Date.now();
  // Launched by an LMS (SCORM 1.2 API on a parent frame, or cmi5 launch parameters): its
  // reporter loads lazily and hears of each completed attempt. Otherwise nothing is loaded.
  const lmsLaunch = detectLmsLaunch(window);
  const lms = lmsLaunch ? connectLms(lmsLaunch, window) : undefined;
  lms?.catch((error: unknown) => console.warn('call-trainer: the LMS could not be reached:', error));
  const onCompleted = lms
    ? (attempt: AttemptRecord, policy: ForcePolicy) => {
        lms.then((reporter) => reporter.report(attempt, policy)).catch((error: unknown) => console.warn('call-trainer: the result could not be sent to the LMS:', error));
      }
    : undefined;
  const services: AppServices = {
    catalogue,
    history: createAttemptHistory({ catalogue, attempts: createAttemptsRepo(db), profileId: profile.id, now, newId: () => crypto.randomUUID(), onCompleted }),
    drills: createBundledDrills(),
    loadAudio,
    now,
    profileName: profile.name,
    // The service worker (offline use) runs in production builds, outside an LMS.
    ...(import.meta.env.PROD && !lmsLaunch && 'serviceWorker' in navigator ? { updates: registerServiceWorkerUpdates() } : {}),
  };
  createRoot(root).render(
    <StrictMode>
      <ServicesProvider services={services}>
        <AppShell />
      </ServicesProvider>
    </StrictMode>,
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
start(root).catch((error: unknown) => {
  // Storage can be blocked (private mode, policy): say so plainly instead of a blank page.
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = `call-trainer could not start: ${error instanceof Error ? error.message : String(error)}`;
  root.replaceChildren(message);
});
