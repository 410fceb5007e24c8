// The composition root: the one place that wires real implementations (Howler audio, the
// Dexie database, the clock) into the screens. Everything below receives them as services.
import './zod-without-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ForcePolicy } from '../domain/force-policy-schema';
import type { AttemptRecord } from '../store/attempt-record';
import { createAttemptsRepo } from '../store/attempts-repo';
import { CallTrainerDb } from '../store/call-trainer-db';
import { createCallsInProgressRepo } from '../store/calls-in-progress-repo';
import { createProfilesRepo } from '../store/profiles-repo';
import { version as appVersion } from '../../package.json';
import { AppShell } from '../ui/app-shell';
import { ServicesProvider, type AppServices, type CallAudio } from '../ui/app-services';
import '../ui/styles.css';
import { createAttemptHistory } from './attempt-history';
import { createBundledDrills } from './bundled-drills';
import { createCallsInProgress } from './calls-in-progress';
import { createBundledCatalogue } from './bundled-scenarios';
import { lazyYourData } from './lazy-your-data';

const NOTICE_KEY = 'call-trainer:notice';
/** Where activity ids are minted until the trainee sets their force's base (see lrs-connection-record.ts). */
const DEFAULT_ACTIVITY_BASE = 'https://call-trainer.invalid';
import { connectLms, detectLmsLaunch } from './lms-launch';
import { registerServiceWorkerUpdates } from './service-worker-updates';

async function start(root: HTMLElement): Promise<void> {
  const db = new CallTrainerDb();
  const profiles = createProfilesRepo(db);
  const profile = await profiles.ensureDefaultProfile();
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
  // A notice left by the last restart (e.g. after deleting everything), shown once.
  let notice = sessionStorage.getItem(NOTICE_KEY) ?? undefined;
  sessionStorage.removeItem(NOTICE_KEY);
  const takeNotice = () => {
    const taken = notice;
    // Cleared after this render, so React's StrictMode double render still sees it.
    setTimeout(() => (notice = undefined), 0);
    return taken;
  };
  // The outbox, its sender and backup load right after the first render, off the first load.
  let wiring: Promise<ReturnType<typeof import('./xapi-wiring').wireXapiAndData>> | undefined;
  const loadWiring = () =>
    (wiring ??= import('./xapi-wiring').then(({ wireXapiAndData }) =>
      wireXapiAndData({
        db,
        profiles,
        profileName: profile.name,
        appVersion,
        now,
        restart: (notice) => {
          if (notice) sessionStorage.setItem(NOTICE_KEY, notice);
          window.location.reload();
        },
        takeNotice,
      }),
    ));
  const services: AppServices = {
    catalogue,
    history: createAttemptHistory({
      catalogue,
      attempts: createAttemptsRepo(db),
      profileId: profile.id,
      now,
      xapi: () => loadWiring().then((wired) => wired.xapi),
      ...(onCompleted ? { onCompleted } : {}),
    }),
    callsInProgress: createCallsInProgress({ repo: createCallsInProgressRepo(db), profileId: profile.id, now }),
    drills: createBundledDrills(),
    loadAudio,
    now,
    profileName: profile.name,
    yourData: lazyYourData(() => loadWiring().then((wired) => wired.yourData), takeNotice, DEFAULT_ACTIVITY_BASE),
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
  // Resume sending statements left waiting (only if an LRS is configured).
  setTimeout(() => void loadWiring(), 0);
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
