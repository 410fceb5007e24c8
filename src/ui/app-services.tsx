import { createContext, useContext, type ReactNode } from 'react';
import type { AnswerKey } from '../domain/answer-key-schema';
import type { AttemptDigest } from '../domain/attempt-evidence';
import type { CpdActivity, CpdActivityInput, Reflection, ReflectionInput } from '../domain/cpd-log';
import type { CallResponse } from '../domain/call-response-schema';
import type { CallProgress } from '../domain/call-progress-schema';
import type { ForcePolicy } from '../domain/force-policy-schema';
import type { Scenario } from '../domain/scenario-schema';
import type { SurgeBands } from '../domain/surge-drill-scoring';
import type { SurgeDrill, SurgeDrillKey } from '../domain/surge-drill-schema';
import type { AudioPort } from '../call/audio-port';
import type { AttemptRecord } from '../store/attempt-record';
import type { BackupImportReport } from '../store/backup-repo';
import type { Problem } from '../domain/problem';
import type { ScenarioDraftRecord } from '../store/studio-records';

/** What the library shows of a scenario before it is opened. */
export type ScenarioSummary = Pick<Scenario, 'id' | 'version'> & Scenario['metadata'];

export interface ScenarioCatalogue {
  /** Every scenario that parsed, and a located problem for each one that did not. */
  list(): Promise<{ scenarios: ScenarioSummary[]; problems: Problem[] }>;
  /**
   * A scenario: the given version when the catalogue keeps it (every published version of an
   * authored scenario is kept), else the current one. Attempts and calls in progress ask for the
   * version they were played with, so a version published meanwhile changes nothing for them.
   */
  load(scenarioId: string, version?: number): Promise<Scenario>;
  policyFor(scenario: Scenario): Promise<ForcePolicy>;
  /** A force policy by id (a score report names the policy it was scored under). */
  policy(policyId: string): Promise<ForcePolicy>;
  /**
   * The expert's answer key (of `version` when kept, as `load`): loaded only after a call is
   * submitted, never during it.
   */
  answerKey(scenarioId: string, version?: number): Promise<AnswerKey>;
}

/**
 * Why a finished call was not saved. `attempt` is the scored attempt as it would have been
 * stored, so the screen can offer it as a file and the work is not lost.
 */
export class AttemptNotSavedError extends Error {
  override readonly name = 'AttemptNotSavedError';
  constructor(
    message: string,
    /** The device is out of storage (the browser's quota is used up). */
    readonly outOfStorage: boolean,
    readonly attempt: AttemptRecord,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface AttemptHistory {
  /**
   * Scores a finished call against its answer key, saves the attempt (with id `callId`, removing
   * that call's in-progress record in the same write) and returns its id. Rejects with
   * {@link AttemptNotSavedError} when the attempt was scored but could not be stored.
   */
  complete(scenario: Scenario, response: CallResponse, started: { callId: string; startedAt: Date }): Promise<string>;
  observeAttempts(onChange: (attempts: AttemptRecord[], unreadable: number) => void, onError: (message: string) => void): () => void;
  observeAttempt(attemptId: string, onChange: (attempt: AttemptRecord | undefined) => void, onError: (message: string) => void): () => void;
}

/** A call answered and not submitted, as the history lists it. */
export interface UnfinishedCall {
  readonly id: string;
  readonly scenarioId: string;
  readonly scenarioTitle: string;
  /** The scenario version the call was answered on: resuming plays that version (when kept). */
  readonly scenarioVersion: number;
  readonly startedAt: Date;
  /** When its progress was last kept. */
  readonly updatedAt: Date;
  readonly progress: CallProgress;
  /** Still on the line in another tab: shown, but not offered for resuming. */
  readonly openElsewhere: boolean;
}

/** Calls in progress, kept as they advance so a reload or a crash can resume them. */
export interface CallsInProgress {
  /** This scenario's most recently advanced unfinished call that no other tab has open, if any. */
  find(scenarioId: string): Promise<UnfinishedCall | undefined>;
  /** Marks the call as on the line in this tab (other tabs will not offer it) until released. */
  hold(callId: string): () => void;
  /** Keeps how far the call has got, replacing what was kept of it before. */
  save(call: { id: string; scenario: Scenario; startedAt: Date; progress: CallProgress }): Promise<void>;
  /** Forgets an unfinished call (the trainee chose to start again). */
  discard(id: string): Promise<void>;
  /** Every unfinished call, most recently advanced first, now and after each change. */
  observe(onChange: (calls: UnfinishedCall[]) => void, onError: (message: string) => void): () => void;
}

/** What the list of call-surge drills shows of a drill before it is opened. */
export type SurgeDrillSummary = Pick<SurgeDrill, 'id' | 'version' | 'title' | 'summary' | 'difficulty' | 'contentWarnings'> & { readonly callCount: number };

export interface DrillCatalogue {
  /** Every drill that parsed, and a located problem for each one that did not. */
  list(): Promise<{ drills: SurgeDrillSummary[]; problems: Problem[] }>;
  load(drillId: string): Promise<SurgeDrill>;
  /** The expert's order: loaded only after the drill is submitted, never during it. */
  answerKey(drillId: string): Promise<SurgeDrillKey>;
  /** The force policy's compliance bands that drills are banded by. */
  bands(): Promise<SurgeBands>;
}

/** The call's audio output and, where it can be measured, its level (0 to 1). */
export interface CallAudio extends AudioPort {
  level?(): number;
}

/** A trainee who uses this browser. */
export interface ProfileSummary {
  readonly id: string;
  readonly name: string;
}

/** The trainees on this machine and whose record is open. Switching is always explicit. */
export interface ProfileDirectory {
  /** Every profile and the active one's id, now and after each change, until unsubscribed. */
  observe(onChange: (state: { profiles: ProfileSummary[]; activeId: string | undefined }) => void, onError: (message: string) => void): () => void;
  /** Creates a profile (not made active). Rejects with an Error whose message can be shown. */
  create(name: string): Promise<ProfileSummary>;
  /** Opens a profile's record; every screen then shows only that profile's records. */
  switchTo(id: string): Promise<ProfileSummary>;
}

/** The active profile's reflections and other CPD activity (attempts come from `history`). */
export interface CpdLog {
  observe(onChange: (records: { reflections: Reflection[]; activities: CpdActivity[]; unreadable: number }) => void, onError: (message: string) => void): () => void;
  /** Rejects with an Error whose message names each field at fault. */
  saveReflection(attemptId: string, input: ReflectionInput): Promise<void>;
  saveActivity(input: CpdActivityInput, id?: string): Promise<void>;
  deleteActivity(id: string): Promise<void>;
}

/** The active profile's attempts as small digests, for progress figures at any scale. */
export interface ProgressSource {
  observeDigests(onChange: (digests: readonly AttemptDigest[], unreadable: number) => void, onError: (message: string) => void): () => void;
}

/** The result of importing a backup file: imported (with counts), or refused with every reason. */
export type BackupImportOutcome =
  | { readonly kind: 'imported'; readonly report: BackupImportReport }
  | { readonly kind: 'refused'; readonly file: string; readonly problems: readonly Problem[]; readonly more: number }
  | { readonly kind: 'failed'; readonly message: string };

/** What the "Your data" screen shows of the LRS and its outbox. The secret is never included. */
export interface LrsStatusView {
  readonly connection?: { readonly endpoint: string; readonly username: string; readonly activityBase: string };
  readonly waiting: number;
  readonly sent: number;
  readonly lastError?: string;
  readonly phase: 'not-configured' | 'idle' | 'sending' | 'waiting-to-retry' | 'stopped' | 'offline';
  /** Epoch ms of the next automatic try, when one is scheduled. */
  readonly nextTryAt?: number;
}

export interface LrsConnectionForm {
  readonly endpoint: string;
  readonly username: string;
  readonly password: string;
  readonly activityBase: string;
}

/** Backup, restore, deleting everything, and the LRS connection ("Your data" screen). */
export interface YourData {
  /** Builds the backup file of everything on this PC (never the LRS connection). */
  exportBackup(): Promise<{ fileName: string; json: string; counts: Readonly<Record<string, number>>; leftOut: number }>;
  importBackup(file: File): Promise<BackupImportOutcome>;
  /** Deletes every profile, attempt, setting, LRS connection and queued statement, then restarts the app. */
  deleteAllData(): Promise<void>;
  /** Opens another profile's record (after an import), restarting the app on it. */
  openProfile(profileId: string): Promise<void>;
  /** A notice left for the data screen by the last restart (e.g. "All data … deleted"), read once. */
  takeNotice(): string | undefined;
  observeLrs(onChange: (view: LrsStatusView) => void, onError: (message: string) => void): () => void;
  /** Saves the LRS connection; returns the problems per field when it is not valid. */
  saveLrsConnection(form: LrsConnectionForm): Promise<{ ok: true } | { ok: false; problems: readonly { field: keyof LrsConnectionForm | 'form'; message: string }[] }>;
  removeLrsConnection(): Promise<void>;
  sendNow(): Promise<void>;
  /** The activity base a new connection starts with. */
  readonly defaultActivityBase: string;
}

/** What reading one trainee's backup file for the cohort view gave: its trainees and attempts, or why it was refused. */
export type CohortFileOutcome =
  | { readonly kind: 'read'; readonly file: string; readonly profiles: readonly ProfileSummary[]; readonly attempts: readonly AttemptRecord[] }
  | { readonly kind: 'refused'; readonly file: string; readonly problems: readonly Problem[]; readonly more: number }
  | { readonly kind: 'failed'; readonly file: string; readonly message: string };

/**
 * Trainees' backup files read for the cohort view. Each file is checked as a restore checks it
 * (size, JSON, format, checksum, every row's schema) and NOTHING is written: other trainees'
 * records stay in the screen's memory only.
 */
export interface CohortBackups {
  /** One outcome per file, in the order given; a refused file never stops the others. */
  read(files: readonly File[]): Promise<CohortFileOutcome[]>;
}

/** A new version of the app, waiting to be applied (the service worker's update). */
export interface AppUpdates {
  isUpdateReady(): boolean;
  /** Calls `listener` when a new version becomes ready; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Activates the waiting version and reloads the page: only ever on the trainee's request. */
  applyUpdate(): Promise<void>;
}

/** A published authored scenario, as the studio lists it for export. */
export interface PublishedScenario {
  readonly id: string;
  readonly version: number;
  readonly title: string;
}

/** The trainer studio: drafts, publishing, and packs in and out. */
export interface Studio {
  /** Every draft, most recently changed first, now and after each change; `unreadable` counts damaged rows. */
  observeDrafts(onChange: (drafts: readonly ScenarioDraftRecord[], unreadable: number) => void, onError: (message: string) => void): () => void;
  /** Undefined when there is no such draft; rejects with a message when it cannot be read. */
  getDraft(id: string): Promise<ScenarioDraftRecord | undefined>;
  saveDraft(draft: ScenarioDraftRecord): Promise<void>;
  deleteDraft(id: string): Promise<void>;
  /** Starts a draft from a template (`SCENARIO_TEMPLATES`); resolves with the new draft's id. */
  newDraftFromTemplate(templateId: string): Promise<string>;
  /** Starts a draft as a copy of a library scenario, audio included, under a new id. */
  copyLibraryScenario(scenarioId: string): Promise<string>;
  /** Every force policy, by id: the editor's choices and checks come from them. */
  policies(): Promise<ReadonlyMap<string, ForcePolicy>>;
  /** Ids a draft may not take: the bundled library's. */
  readonly reservedIds: ReadonlySet<string>;
  /** Checks the draft again and, if sound, stores it as the scenario's next version. */
  publish(draft: ScenarioDraftRecord): Promise<{ readonly kind: 'published'; readonly version: number } | { readonly kind: 'refused'; readonly problems: readonly Problem[] }>;
  /**
   * The draft's scenario ready to play in a preview: its clips' audio served from object URLs
   * under names new to this preview (so the player never replays an earlier take).
   */
  preparePreview(draft: ScenarioDraftRecord): Promise<Scenario>;
  /** The latest version of every published authored scenario. */
  listPublished(): Promise<PublishedScenario[]>;
  /** A pack (zip) of the latest versions of these scenarios with their audio, made with the domain's pack writer. */
  exportPack(scenarioIds: readonly string[], about: { readonly title: string; readonly author: string }): Promise<{ readonly fileName: string; readonly bytes: Uint8Array }>;
  /** Reads a pack as `npm run pack:check` does, stores what passes, and reports what was added and what was refused and why, as plain text lines. */
  importPack(file: File): Promise<{ readonly added: number; readonly refused: number; readonly lines: readonly string[] }>;
}

/** Everything the screens need from the outside world, wired once in src/app. */
export interface AppServices {
  readonly catalogue: ScenarioCatalogue;
  readonly history: AttemptHistory;
  readonly callsInProgress: CallsInProgress;
  /** Call-surge drills (attempts are not saved yet). */
  readonly drills: DrillCatalogue;
  /** Call audio, loaded with the call screen so the library and debrief start without it. */
  readonly loadAudio: () => Promise<CallAudio>;
  readonly now: () => number;
  /** The profile whose record is open: history, progress and CPD show only its records. */
  readonly profileId: string;
  readonly profileName: string;
  readonly profiles: ProfileDirectory;
  readonly cpd: CpdLog;
  readonly progress: ProgressSource;
  /** Backup, restore, delete-all and the LRS connection. */
  readonly yourData: YourData;
  /** Reading trainees' backup files for the cohort view (in memory only, never stored). */
  readonly cohort: CohortBackups;
  /** The trainer studio (its code loads with the studio screen). */
  readonly studio: Studio;
  /** Absent where no service worker runs (vite dev, the LMS package, unit tests). */
  readonly updates?: AppUpdates;
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices must be used inside ServicesProvider (see src/app/main.tsx)');
  return services;
}
