// The composition root: the one place that wires real implementations (Howler audio, the
// Dexie database, the clock) into the screens. Everything below receives them as services.
import './zod-without-eval';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { version as appVersion } from '../../package.json';
import type { AttemptDigest } from '../domain/attempt-evidence';
import type { ForcePolicy } from '../domain/force-policy-schema';
import type { AttemptRecord } from '../store/attempt-record';
import type { AttemptsRepo } from '../store/attempts-repo';
import { CallTrainerDb } from '../store/call-trainer-db';
import { createCallsInProgressRepo } from '../store/calls-in-progress-repo';
import type { CpdLogRepo } from '../store/cpd-log-repo';
import type { ProfileRecord } from '../store/profile-record';
import { createProfilesRepo } from '../store/profiles-repo';
import type { ProgressRepo } from '../store/progress-repo';
import { AppShell } from '../ui/app-shell';
import type { StudioRepo } from '../store/studio-repo';
import { ServicesProvider, type AppServices, type CallAudio, type DrillCatalogue, type ProgressSource, type Studio } from '../ui/app-services';
import '../ui/styles.css';
import { createAttemptHistory } from './attempt-history';
import { createComposedCatalogue } from './authored-catalogue';
import { bundledScenarioIds, createBundledCatalogue, loadBundledPolicies } from './bundled-scenarios';
import { webLockPresence } from './call-presence';
import { createCallsInProgress } from './calls-in-progress';
import { lazyAttemptsRepo } from './lazy-attempts-repo';
import { lazyYourData } from './lazy-your-data';
import { connectLms, detectLmsLaunch } from './lms-launch';
import { createProfileCpdLog, createProfileDirectory, observeWhenLoaded } from './profile-services';
import { registerServiceWorkerUpdates } from './service-worker-updates';
import { sharedFeed } from './shared-feed';

const NOTICE_KEY = 'call-trainer:notice';
/** Where activity ids are minted until the trainee sets their force's base (see lrs-connection-record.ts). */
const DEFAULT_ACTIVITY_BASE = 'https://call-trainer.invalid';

async function start(root: HTMLElement): Promise<void> {
  const db = new CallTrainerDb();
  const profilesRepo = createProfilesRepo(db);
  const firstProfile = await profilesRepo.ensureDefaultProfile();
  const bundled = createBundledCatalogue();
  const reservedIds = bundledScenarioIds();
  // The studio's repository (and its record schemas) load with the first list of the library.
  let studioRepo: Promise<StudioRepo> | undefined;
  const loadStudioRepo = () => (studioRepo ??= import('../store/studio-repo').then(({ createStudioRepo }) => createStudioRepo(db)));
  // The library is the bundled scenarios plus those published in the studio or imported from packs.
  const { catalogue, audioUrl, addAudio } = createComposedCatalogue(bundled, reservedIds, loadStudioRepo);
  let attemptsRepo: Promise<AttemptsRepo> | undefined;
  const attempts = lazyAttemptsRepo(() => (attemptsRepo ??= import('../store/attempts-repo').then(({ createAttemptsRepo }) => createAttemptsRepo(db))));
  const callsInProgressRepo = createCallsInProgressRepo(db);
  // The CPD log and progress digests load with the first screen that uses them.
  let cpdRepo: Promise<CpdLogRepo> | undefined;
  const loadCpdRepo = () => (cpdRepo ??= import('../store/cpd-log-repo').then(({ createCpdLogRepo }) => createCpdLogRepo(db)));
  let progressRepo: Promise<ProgressRepo> | undefined;
  const loadProgressRepo = () => (progressRepo ??= import('../store/progress-repo').then(({ createProgressRepo }) => createProgressRepo(db)));
  const profiles = createProfileDirectory(profilesRepo);
  // Call-surge drills (and their schema) load when the drills screen first asks for them.
  let drillCatalogue: Promise<DrillCatalogue> | undefined;
  const loadDrills = () => (drillCatalogue ??= import('./bundled-drills').then(({ createBundledDrills }) => createBundledDrills()));
  const drills: DrillCatalogue = {
    list: () => loadDrills().then((catalogue) => catalogue.list()),
    load: (drillId) => loadDrills().then((catalogue) => catalogue.load(drillId)),
    answerKey: (drillId) => loadDrills().then((catalogue) => catalogue.answerKey(drillId)),
    bands: () => loadDrills().then((catalogue) => catalogue.bands()),
  };
  let audio: Promise<CallAudio> | undefined;
  // Howler and the call machine load with the call screen, not with the library.
  const loadAudio = () => (audio ??= import('../call/howler-audio').then(({ createHowlerAudio }) => createHowlerAudio({ resolveUrl: audioUrl })));
  // The studio's services (pack reader and writer, zip) load with the studio screen.
  let studioServices: Promise<Studio> | undefined;
  const loadStudio = () =>
    (studioServices ??= Promise.all([import('./studio-services'), loadStudioRepo()]).then(([{ createStudio }, repo]) =>
      createStudio({
        repo,
        bundled,
        reservedIds,
        loadPolicies: loadBundledPolicies,
        addAudio,
        fetchAsset: async (src) => {
          const response = await fetch(`${import.meta.env.BASE_URL}${src}`);
          if (!response.ok) throw new Error(`The library audio ${src} could not be read (${response.status}).`);
          return new Uint8Array(await response.arrayBuffer());
        },
        now: () => new Date(),
      }),
    ));
  const studio: Studio = {
    reservedIds,
    observeDrafts: (onChange, onError) => observeWhenLoaded(loadStudio, (s) => s.observeDrafts(onChange, onError), onError),
    getDraft: (id) => loadStudio().then((s) => s.getDraft(id)),
    saveDraft: (draft) => loadStudio().then((s) => s.saveDraft(draft)),
    deleteDraft: (id) => loadStudio().then((s) => s.deleteDraft(id)),
    newDraftFromTemplate: (templateId) => loadStudio().then((s) => s.newDraftFromTemplate(templateId)),
    copyLibraryScenario: (scenarioId) => loadStudio().then((s) => s.copyLibraryScenario(scenarioId)),
    policies: () => loadStudio().then((s) => s.policies()),
    publish: (draft) => loadStudio().then((s) => s.publish(draft)),
    listPublished: () => loadStudio().then((s) => s.listPublished()),
    preparePreview: (draft) => loadStudio().then((s) => s.preparePreview(draft)),
    exportPack: (ids, about) => loadStudio().then((s) => s.exportPack(ids, about)),
    importPack: (file) => loadStudio().then((s) => s.importPack(file)),
  };
  const now = () => Date.now();
  const callPresence = webLockPresence();

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
        profiles: profilesRepo,
        profileName: firstProfile.name,
        appVersion,
        now,
        restart: (notice) => {
          if (notice) sessionStorage.setItem(NOTICE_KEY, notice);
          window.location.reload();
        },
        takeNotice,
      }),
    ));
  const yourData = lazyYourData(() => loadWiring().then((wired) => wired.yourData), takeNotice, DEFAULT_ACTIVITY_BASE);
  // The cohort view's file reader (and the backup format it checks with) loads on first use.
  const cohort: AppServices['cohort'] = { read: (files) => import('./cohort-files').then(({ readCohortFiles }) => readCohortFiles(files)) };
  // The service worker (offline use) runs in production builds, outside an LMS.
  const updates = import.meta.env.PROD && !lmsLaunch && 'serviceWorker' in navigator ? registerServiceWorkerUpdates() : undefined;

  /** The profile's attempt digests, read once and shared by the library, dashboard and CPD log. */
  const progressSource = (profileId: string): ProgressSource => {
    const digests = sharedFeed<{ digests: readonly AttemptDigest[]; unreadable: number }>((onChange, onError) =>
      observeWhenLoaded(
        loadProgressRepo,
        (repo) =>
          repo.observeDigests(
            profileId,
            (list) => onChange({ digests: list.digests, unreadable: list.unreadable.length }),
            (error) => onError(error.message),
          ),
        onError,
      ),
    );
    return { observeDigests: (onChange, onError) => digests(({ digests: list, unreadable }) => onChange(list, unreadable), onError) };
  };

  /** The services for one profile's record: rebuilt when the trainee explicitly switches. */
  const servicesFor = (profile: Pick<ProfileRecord, 'id' | 'name'>): AppServices => ({
    catalogue,
    history: createAttemptHistory({
      catalogue,
      attempts,
      profileId: profile.id,
      now,
      // Statements name the trainee whose record is open, not the one the app started with.
      xapi: () => loadWiring().then((wired) => ({ ...wired.xapi, profileName: profile.name })),
      ...(onCompleted ? { onCompleted } : {}),
    }),
    callsInProgress: createCallsInProgress({ repo: callsInProgressRepo, profileId: profile.id, now, presence: callPresence }),
    drills,
    loadAudio,
    now,
    profileId: profile.id,
    profileName: profile.name,
    profiles,
    cpd: createProfileCpdLog(loadCpdRepo, profile.id),
    progress: progressSource(profile.id),
    yourData,
    cohort,
    studio,
    ...(updates ? { updates } : {}),
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
