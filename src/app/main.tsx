// The composition root: the one place that wires real implementations (Howler audio, the
// Dexie database, the clock) into the screens. Everything below receives them as services.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAttemptsRepo } from '../store/attempts-repo';
import { CallTrainerDb } from '../store/call-trainer-db';
import { createCallsInProgressRepo } from '../store/calls-in-progress-repo';
import { createProfilesRepo } from '../store/profiles-repo';
import { AppShell } from '../ui/app-shell';
import { ServicesProvider, type AppServices, type CallAudio } from '../ui/app-services';
import '../ui/styles.css';
import { createAttemptHistory } from './attempt-history';
import { createBundledDrills } from './bundled-drills';
import { createCallsInProgress } from './calls-in-progress';
import { createBundledCatalogue } from './bundled-scenarios';

async function start(root: HTMLElement): Promise<void> {
  const db = new CallTrainerDb();
  const profile = await createProfilesRepo(db).ensureDefaultProfile();
  const catalogue = createBundledCatalogue();
  let audio: Promise<CallAudio> | undefined;
  // Howler and the call machine load with the call screen, not with the library.
  const loadAudio = () => (audio ??= import('../call/howler-audio').then(({ createHowlerAudio }) => createHowlerAudio()));
  const now = () => Date.now();
  const services: AppServices = {
    catalogue,
    history: createAttemptHistory({ catalogue, attempts: createAttemptsRepo(db), profileId: profile.id, now }),
    callsInProgress: createCallsInProgress({ repo: createCallsInProgressRepo(db), profileId: profile.id, now }),
    drills: createBundledDrills(),
    loadAudio,
    now,
    profileName: profile.name,
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
