import { createContext, useContext, type ReactNode } from 'react';
import type { AnswerKey } from '../domain/answer-key-schema';
import type { AttemptDigest } from '../domain/attempt-evidence';
import type { CpdActivity, CpdActivityInput, Reflection, ReflectionInput } from '../domain/cpd-log';
import type { CallResponse } from '../domain/call-response-schema';
import type { ForcePolicy } from '../domain/force-policy-schema';
import type { Problem } from '../domain/problem';
import type { Scenario } from '../domain/scenario-schema';
import type { SurgeBands } from '../domain/surge-drill-scoring';
import type { SurgeDrill, SurgeDrillKey } from '../domain/surge-drill-schema';
import type { AudioPort } from '../call/audio-port';
import type { AttemptRecord } from '../store/attempt-record';

/** What the library shows of a scenario before it is opened. */
export type ScenarioSummary = Pick<Scenario, 'id' | 'version'> & Scenario['metadata'];

export interface ScenarioCatalogue {
  /** Every scenario that parsed, and a located problem for each one that did not. */
  list(): Promise<{ scenarios: ScenarioSummary[]; problems: Problem[] }>;
  load(scenarioId: string): Promise<Scenario>;
  policyFor(scenario: Scenario): Promise<ForcePolicy>;
  /** A force policy by id (a score report names the policy it was scored under). */
  policy(policyId: string): Promise<ForcePolicy>;
  /** The expert's answer key: loaded only after a call is submitted, never during it. */
  answerKey(scenarioId: string): Promise<AnswerKey>;
}

export interface AttemptHistory {
  /** Scores a finished call against its answer key, saves the attempt and returns its id. */
  complete(scenario: Scenario, response: CallResponse, startedAt: Date): Promise<string>;
  observeAttempts(onChange: (attempts: AttemptRecord[], unreadable: number) => void, onError: (message: string) => void): () => void;
  observeAttempt(attemptId: string, onChange: (attempt: AttemptRecord | undefined) => void, onError: (message: string) => void): () => void;
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

/** Everything the screens need from the outside world, wired once in src/app. */
export interface AppServices {
  readonly catalogue: ScenarioCatalogue;
  readonly history: AttemptHistory;
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
