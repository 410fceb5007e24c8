// The composition root: the one place that wires real implementations (Howler audio, the
// Dexie database, the clock) into the screens. Everything below receives them as services.
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createAttemptsRepo } from '../store/attempts-repo';
import { CallTrainerDb } from '../store/call-trainer-db';
import { createCpdLogRepo } from '../store/cpd-log-repo';
import type { ProfileRecord } from '../store/profile-record';
import { createProfilesRepo } from '../store/profiles-repo';
import { createProgressRepo } from '../store/progress-repo';
import { AppShell } from '../ui/app-shell';
import { ServicesProvider, type AppServices, type CallAudio } from '../ui/app-services';
import '../ui/styles.css';
import { createAttemptHistory } from './attempt-history';
import { createBundledDrills } from './bundled-drills';
import { createBundledCatalogue } from './bundled-scenarios';
import { createProfileCpdLog, createProfileDirectory } from './profile-services';

async function start(root: HTMLElement): Promise<void> {
  const db = new CallTrainerDb();
  const profilesRepo = createProfilesRepo(db);
  const firstProfile = await profilesRepo.ensureDefaultProfile();
  const catalogue = createBundledCatalogue();
  const attempts = createAttemptsRepo(db);
  const cpdRepo = createCpdLogRepo(db);
  const progressRepo = createProgressRepo(db);
  const profiles = createProfileDirectory(profilesRepo);
  const drills = createBundledDrills();
  let audio: Promise<CallAudio> | undefined;
  // Howler and the call machine load with the call screen, not with the library.
  const loadAudio = () => (audio ??= import('../call/howler-audio').then(({ createHowlerAudio }) => createHowlerAudio()));
  const now = () => Date.now();

  /** The services for one profile's record: rebuilt when the trainee explicitly switches. */
  const servicesFor = (profile: Pick<ProfileRecord, 'id' | 'name'>): AppServices => ({
    catalogue,
    history: createAttemptHistory({ catalogue, attempts, profileId: profile.id, now, newId: () => crypto.randomUUID() }),
    drills,
    loadAudio,
    now,
    profileId: profile.id,
    profileName: profile.name,
    profiles,
    cpd: createProfileCpdLog(cpdRepo, profile.id),
    progress: {
      observeDigests: (onChange, onError) =>
        progressRepo.observeDigests(
          profile.id,
          (list) => onChange(list.digests, list.unreadable.length),
          (error) => onError(error.message),
        ),
    },
  });

  /** Follows the active profile (a switch here or in another tab) and hands its services down. */
  function ProfileScope() {
    const [active, setActive] = useState<{ id: string; name: string }>({ id: firstProfile.id, name: firstProfile.name });
    useEffect(
      () =>
        profiles.observe(
          ({ profiles: list, activeId }) => {
            const found = list.find((p) => p.id === activeId);
            if (found) setActive((current) => (current.id === found.id && current.name === found.name ? current : found));
          },
          () => undefined, // the profiles screen reports read failures; the open record stays as it is
        ),
      [],
    );
    const services = useMemo(() => servicesFor(active), [active]);
    return (
      <ServicesProvider services={services}>
        <AppShell />
      </ServicesProvider>
    );
  }

  createRoot(root).render(
    <StrictMode>
      <ProfileScope />
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
