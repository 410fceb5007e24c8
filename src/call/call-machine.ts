import { assign, enqueueActions, fromCallback, raise, setup, type EventObject, type SnapshotFrom } from 'xstate';
import {
  CALL_GRAPH_BROKEN_END_ID,
  TRAINEE_HUNG_UP_END_ID,
  type Assessment,
  type AskedQuestion,
  type CallMode,
  type CallResponse,
  type CallTimelineEntry,
  type ElementAssessment,
  type IncidentLogEntry,
} from '../domain/call-response-schema';
import {
  isTextClip,
  systemsCheckId,
  systemsCheckResult,
  type Clip,
  type Scenario,
  type SystemsDatabase,
  type SystemsRecord,
} from '../domain/scenario-schema';
import type { CallProgress } from '../domain/call-progress-schema';
import type { AudioPort } from './audio-port';
import { advance, clipsAfter, findOption, firstClipsFrom, resolveStep, type CallStepKind } from './call-graph-walk';
import {
  createPlayClip,
  createPreloadClips,
  type ClipPlaybackEvent,
  type PlayClipInput,
  type PlayClipLogic,
} from './play-clip-actor';

export { CALL_GRAPH_BROKEN_END_ID, TRAINEE_HUNG_UP_END_ID };

/** What starts a call. */
export interface CallInput {
  /** A parsed scenario whose call graph passed `checkCallGraph`. */
  readonly scenario: Scenario;
  /**
   * The clock, in milliseconds; every timing in the response is a difference of two readings.
   * Defaults to `Date.now`; tests pass a stub they advance by hand.
   */
  readonly now?: () => number;
  /**
   * Practice (default): coaching hints, pause. Assessment: neither; the response is recorded as
   * assessed. Captions are the screen's setting (neutral in assessment, see `selectTranscript`).
   */
  readonly mode?: CallMode;
  /**
   * A call saved part-way (see `selectCallProgress`) to carry on from instead of ringing: while
   * connected, the caller's last line is replayed and the call continues from there; after the
   * call, it reopens on the ended call or the assessment. Its times carry on from where they were.
   */
  readonly resume?: CallProgress;
}

/** A systems check the trainee asked for: pending until its result arrives after the scenario's delay. */
export interface SystemsCheckState {
  readonly checkId: string;
  readonly database: SystemsDatabase;
  readonly subject: string;
  /** Ms since answering. */
  readonly requestedAtMs: number;
  /** Ms since answering; null while the search is running. */
  readonly resultAtMs: number | null;
  /** What came back: empty means "no trace". */
  readonly records: readonly SystemsRecord[];
}

/** The live incident log as it stands: what the trainee has set so far (each change is also an entry in `incidentLog`). */
export interface LiveIncidentRecord {
  readonly thrive: Readonly<Record<string, ElementAssessment>>;
  readonly safeguardingActions: readonly string[];
  readonly incidentType: string | null;
  readonly locationText: string;
}

/** Something said on the call so far, in order: a caller clip or the trainee's question. */
export type HeardItem =
  | {
      readonly kind: 'caller';
      readonly nodeId: string;
      readonly clipId: string;
      /** Seconds into the clip at which the trainee hung up; null when the clip was not cut off. */
      readonly cutOffAtSeconds: number | null;
    }
  | { readonly kind: 'trainee'; readonly nodeId: string; readonly optionId: string; readonly text: string };

/** How the call ended. */
export type CallEnding =
  | { readonly kind: 'endNode'; readonly nodeId: string }
  | { readonly kind: 'traineeHungUp' }
  | { readonly kind: 'callGraphBroken'; readonly message: string };

/** Milliseconds since the call was answered (or, for time to answer, since it rang). */
export interface CallTimingsSoFar {
  readonly timeToAnswerMs: number | null;
  readonly callDurationMs: number | null;
  readonly timeToGradeMs: number | null;
  readonly timeToSubmitMs: number | null;
}

/** The call machine's context. Read it through `call-selectors.ts` where a selector exists. */
export interface CallContext {
  readonly scenario: Scenario;
  readonly now: () => number;
  /** Clock reading when the call started ringing. */
  readonly ringingSinceMs: number;
  /** Clock reading when the trainee answered; null while ringing. */
  readonly answeredAtMs: number | null;
  /** The call-graph node the call is at (the start node while ringing). */
  readonly nodeId: string;
  /** Seconds into the current clip, from the player's progress reports. */
  readonly clipSeconds: number;
  readonly heard: readonly HeardItem[];
  readonly questionsAsked: readonly AskedQuestion[];
  /** Why the current clip could not play; null unless in `connected.audioFailed`. */
  readonly audioProblem: string | null;
  /** The grade the trainee last chose, during or after the call; null until they choose one. */
  readonly grade: string | null;
  /** Where the trainee last pinned the caller, and when (ms since answer); null until they do. */
  readonly location: NonNullable<CallResponse['location']> | null;
  readonly ending: CallEnding | null;
  readonly assessment: Assessment | null;
  readonly timings: CallTimingsSoFar;
  readonly mode: CallMode;
  /** Every time-stamped entry of the live incident log, in order. */
  readonly incidentLog: readonly IncidentLogEntry[];
  /** Clips started and updates shown, in order, with ms since answering. */
  readonly callTimeline: readonly CallTimelineEntry[];
  /** The current state of the live incident log. */
  readonly live: LiveIncidentRecord;
  /** Systems checks asked for, in order. */
  readonly checks: readonly SystemsCheckState[];
  /** The last question the trainee chose (for its coaching hint in practice mode). */
  readonly lastDecision: { readonly nodeId: string; readonly optionId: string } | null;
  /** Text playback (text clips) is paused by the trainee (practice mode only). */
  readonly textPaused: boolean;
  /** Where a resumed call starts; null for a new call. */
  readonly resumedAt: CallProgress['stage'] | null;
}

/** A location the trainee pinned: on the map, from a place search or from a three-word code. */
export type LocationPin = Omit<NonNullable<CallResponse['location']>, 'atMs'>;

/** Events from the call screen. */
export type CallUserEvent =
  | { readonly type: 'user.answer' }
  | { readonly type: 'user.askQuestion'; readonly optionId: string }
  | { readonly type: 'user.continue' }
  | { readonly type: 'user.chooseGrade'; readonly grade: string }
  | { readonly type: 'user.pinLocation'; readonly location: LocationPin }
  | { readonly type: 'user.clearLocation' }
  | { readonly type: 'user.hangUp' }
  | { readonly type: 'user.startAssessment' }
  | { readonly type: 'user.submitAssessment'; readonly assessment: Assessment }
  // The live incident log: taken while connected, after the call and on the assessment form.
  | { readonly type: 'user.setGrade'; readonly grade: string | null; readonly rationale?: string }
  | { readonly type: 'user.rateElement'; readonly element: string; readonly rating: string | null; readonly rationale: string }
  | { readonly type: 'user.setSafeguardingAction'; readonly action: string; readonly taken: boolean }
  | { readonly type: 'user.setIncidentType'; readonly incidentType: string }
  | { readonly type: 'user.setLocationText'; readonly text: string }
  | { readonly type: 'user.addNote'; readonly text: string }
  | { readonly type: 'user.runCheck'; readonly database: SystemsDatabase; readonly subject: string }
  // Practice mode only: pause and resume text messages arriving (audio pauses through the AudioPort).
  | { readonly type: 'user.pause' }
  | { readonly type: 'user.resume' };

/** Events the machine sends itself after a delay on its own clock (so tests drive them with SimulatedClock). */
export type CallSystemEvent =
  | { readonly type: 'system.checkResult'; readonly checkId: string }
  | { readonly type: 'system.update'; readonly updateId: string };

/** Every event the call machine accepts: the trainee's, the player's and its own delayed ones. */
export type CallEvent = CallUserEvent | ClipPlaybackEvent | CallSystemEvent;

const elapsedSinceAnswer = (context: CallContext): number =>
  Math.max(0, context.now() - (context.answeredAtMs ?? context.now()));

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Conducts one call and records what the trainee did; judges nothing. Walks the scenario's call
 * graph (caller clips, the trainee's question choices, an end), takes a grade at any time from
 * answering to submitting, and outputs the CallResponse when the assessment is submitted.
 *
 * Effects are named so the app provides them (`callAudioImplementations`): the actor `playClip`
 * and the action `preloadClips`. The clock comes in as `input.now`.
 */
/**
 * The live record and the systems checks as a saved incident log leaves them, for a resumed call.
 * A check still running when the call was saved is shown with its result at once (its delay has
 * long passed by the time the trainee comes back).
 */
function incidentStateFromLog(scenario: Scenario, log: readonly IncidentLogEntry[]): Pick<CallContext, 'live' | 'checks'> {
  const thrive: Record<string, ElementAssessment> = {};
  let safeguardingActions: string[] = [];
  let incidentType: string | null = null;
  let locationText = '';
  const checks: SystemsCheckState[] = [];
  for (const entry of log) {
    switch (entry.kind) {
      case 'rating':
        thrive[entry.element] = { rating: entry.rating, rationale: entry.rationale };
        break;
      case 'safeguarding':
        safeguardingActions = safeguardingActions.filter((a) => a !== entry.action);
        if (entry.taken) safeguardingActions.push(entry.action);
        break;
      case 'incident-type':
        incidentType = entry.incidentType;
        break;
      case 'location-text':
        locationText = entry.text;
        break;
      case 'check-requested': {
        const [database, subject] = entry.checkId.split(':') as [SystemsDatabase, string];
        const result = systemsCheckResult(scenario, database, subject);
        checks.push({ checkId: entry.checkId, database, subject, requestedAtMs: entry.atMs, resultAtMs: entry.atMs + (result?.delaySeconds ?? 0) * 1000, records: result?.records ?? [] });
        break;
      }
      default:
        break;
    }
  }
  return { live: { thrive, safeguardingActions, incidentType, locationText }, checks };
}

type EventOf<T extends CallEvent['type']> = Extract<CallEvent, { type: T }>;

/**
 * The live incident log, the check requests and the pin: the same on the line, after the call and
 * on the assessment form (the trainee may change the record at any moment; every change is
 * time-stamped), so the three states share one set of transitions.
 */
const incidentLogTransitions = {
  'user.chooseGrade': { actions: { type: 'recordGrade', params: ({ event }: { event: EventOf<'user.chooseGrade'> }) => ({ grade: event.grade }) } },
  'user.setGrade': {
    actions: { type: 'logGrade', params: ({ event }: { event: EventOf<'user.setGrade'> }) => ({ grade: event.grade, ...(event.rationale ? { rationale: event.rationale } : {}) }) },
  },
  'user.rateElement': {
    actions: { type: 'logRating', params: ({ event }: { event: EventOf<'user.rateElement'> }) => ({ element: event.element, rating: event.rating, rationale: event.rationale }) },
  },
  'user.setSafeguardingAction': { actions: { type: 'logSafeguarding', params: ({ event }: { event: EventOf<'user.setSafeguardingAction'> }) => ({ action: event.action, taken: event.taken }) } },
  'user.setIncidentType': { actions: { type: 'logIncidentType', params: ({ event }: { event: EventOf<'user.setIncidentType'> }) => ({ incidentType: event.incidentType }) } },
  'user.setLocationText': { actions: { type: 'logLocationText', params: ({ event }: { event: EventOf<'user.setLocationText'> }) => ({ text: event.text }) } },
  'user.addNote': { actions: { type: 'logNote', params: ({ event }: { event: EventOf<'user.addNote'> }) => ({ text: event.text }) } },
  'user.runCheck': {
    guard: { type: 'checkable', params: ({ event }: { event: EventOf<'user.runCheck'> }) => ({ database: event.database, subject: event.subject }) },
    actions: [
      { type: 'logCheckRequest', params: ({ event }: { event: EventOf<'user.runCheck'> }) => ({ database: event.database, subject: event.subject }) },
      {
        type: 'scheduleCheckResult',
        params: ({ context, event }: { context: CallContext; event: EventOf<'user.runCheck'> }) => ({
          checkId: systemsCheckId(event.database, event.subject),
          delayMs: Math.round((systemsCheckResult(context.scenario, event.database, event.subject)?.delaySeconds ?? 0) * 1000),
        }),
      },
    ],
  },
  'user.pinLocation': { actions: { type: 'recordLocation', params: ({ event }: { event: EventOf<'user.pinLocation'> }) => ({ location: event.location }) } },
  'user.clearLocation': { actions: 'clearLocation' },
} as const;

export const callMachine = setup({
  types: {
    input: {} as CallInput,
    context: {} as CallContext,
    events: {} as CallEvent,
    output: {} as CallResponse,
  },
  actors: {
    /** Plays `input.clip`, sending back `audio.progress`, `audio.ended`, `audio.failed`. */
    playClip: fromCallback<EventObject, PlayClipInput>(() => {
      throw new Error('No audio player was provided to the call (playClip).');
    }) as PlayClipLogic,
  },
  guards: {
    /** The call was resumed at this stage. */
    resumedAt: ({ context }, params: { stage: CallProgress['stage'] }) => context.resumedAt === params.stage,
    /** The node the call is at is of this kind. */
    nodeIs: ({ context }, params: { kind: CallStepKind }) => resolveStep(context.scenario, context.nodeId).kind === params.kind,
    /** The current question-choice node offers this option. */
    offersOption: ({ context }, params: { optionId: string }) =>
      findOption(context.scenario, context.nodeId, params.optionId) !== undefined,
    /** The current caller node plays a text clip (messages, no audio). */
    clipIsText: ({ context }) => {
      const step = resolveStep(context.scenario, context.nodeId);
      return step.kind === 'callerSpeech' && isTextClip(step.clip);
    },
    /** Another message is still to arrive in the current text clip. */
    textHasMore: ({ context }) => nextTextMessageStart(context) !== null,
    isPractice: ({ context }) => context.mode === 'practice',
    /** The subject can be searched in the scenario's systems. */
    checkable: ({ context }, params: { database: SystemsDatabase; subject: string }) =>
      systemsCheckResult(context.scenario, params.database, params.subject) !== undefined,
  },
  delays: {
    /** Until the current text clip's next message arrives, or the clip is over. */
    nextTextMessage: ({ context }) => Math.max(0, Math.round((nextTextBoundary(context) - context.clipSeconds) * 1000)),
  },
  actions: {
    /** Starts loading clips the caller may say next. Provided by the app; a no-op here. */
    preloadClips: (_args, _params: { clips: readonly Clip[] }) => {},
    recordAnswer: assign(({ context }) => {
      const at = context.now();
      return {
        answeredAtMs: at,
        nodeId: context.scenario.callGraph.start,
        timings: { ...context.timings, timeToAnswerMs: Math.max(0, at - context.ringingSinceMs) },
      };
    }),
    /** On answering: raises `system.update` for each update set at a time, after that time on the machine's clock. */
    scheduleTimedUpdates: enqueueActions(({ context, enqueue }) => {
      for (const update of context.scenario.updates ?? []) {
        if ('atSeconds' in update.at) enqueue.raise({ type: 'system.update', updateId: update.id }, { delay: Math.round(update.at.atSeconds * 1000) });
      }
    }),
    /** Raises `system.checkResult` after `delayMs` on the machine's clock. */
    scheduleCheckResult: raise((_, params: { checkId: string; delayMs: number }) => ({ type: 'system.checkResult' as const, checkId: params.checkId }), {
      delay: (_, params: { checkId: string; delayMs: number }) => params.delayMs,
    }),
    showUpdate: assign(({ context }, params: { updateId: string }) => {
      if (context.callTimeline.some((entry) => entry.kind === 'update-shown' && entry.updateId === params.updateId)) return {};
      return { callTimeline: [...context.callTimeline, { kind: 'update-shown' as const, atMs: elapsedSinceAnswer(context), updateId: params.updateId }] };
    }),
    /** Shows the updates that come once the current clip has been heard. */
    releaseUpdatesAfterClip: assign(({ context }) => {
      const step = resolveStep(context.scenario, context.nodeId);
      if (step.kind !== 'callerSpeech') return {};
      const shown = new Set(context.callTimeline.flatMap((entry) => (entry.kind === 'update-shown' ? [entry.updateId] : [])));
      const due = (context.scenario.updates ?? []).filter((u) => 'afterClip' in u.at && u.at.afterClip === step.clip.id && !shown.has(u.id));
      if (due.length === 0) return {};
      const atMs = elapsedSinceAnswer(context);
      return { callTimeline: [...context.callTimeline, ...due.map((u) => ({ kind: 'update-shown' as const, atMs, updateId: u.id }))] };
    }),
    logGrade: assign(({ context }, params: { grade: string | null; rationale?: string }) => {
      const atMs = elapsedSinceAnswer(context);
      return {
        grade: params.grade,
        incidentLog: [...context.incidentLog, { kind: 'grade' as const, atMs, grade: params.grade, ...(params.rationale ? { rationale: params.rationale } : {}) }],
        timings: { ...context.timings, timeToGradeMs: context.timings.timeToGradeMs ?? (params.grade === null ? null : atMs) },
      };
    }),
    logRating: assign(({ context }, params: { element: string; rating: string | null; rationale: string }) => ({
      live: { ...context.live, thrive: { ...context.live.thrive, [params.element]: { rating: params.rating, rationale: params.rationale } } },
      incidentLog: [...context.incidentLog, { kind: 'rating' as const, atMs: elapsedSinceAnswer(context), ...params }],
    })),
    logSafeguarding: assign(({ context }, params: { action: string; taken: boolean }) => {
      const others = context.live.safeguardingActions.filter((a) => a !== params.action);
      return {
        live: { ...context.live, safeguardingActions: params.taken ? [...others, params.action] : others },
        incidentLog: [...context.incidentLog, { kind: 'safeguarding' as const, atMs: elapsedSinceAnswer(context), ...params }],
      };
    }),
    logIncidentType: assign(({ context }, params: { incidentType: string }) => ({
      live: { ...context.live, incidentType: params.incidentType },
      incidentLog: [...context.incidentLog, { kind: 'incident-type' as const, atMs: elapsedSinceAnswer(context), incidentType: params.incidentType }],
    })),
    logLocationText: assign(({ context }, params: { text: string }) => ({
      live: { ...context.live, locationText: params.text },
      incidentLog: [...context.incidentLog, { kind: 'location-text' as const, atMs: elapsedSinceAnswer(context), text: params.text }],
    })),
    logNote: assign(({ context }, params: { text: string }) => {
      const text = params.text.trim();
      if (text.length === 0) return {};
      return { incidentLog: [...context.incidentLog, { kind: 'note' as const, atMs: elapsedSinceAnswer(context), text }] };
    }),
    logCheckRequest: assign(({ context }, params: { database: SystemsDatabase; subject: string }) => {
      const checkId = systemsCheckId(params.database, params.subject);
      const atMs = elapsedSinceAnswer(context);
      return {
        checks: [...context.checks, { checkId, database: params.database, subject: params.subject, requestedAtMs: atMs, resultAtMs: null, records: [] }],
        incidentLog: [...context.incidentLog, { kind: 'check-requested' as const, atMs, checkId }],
      };
    }),
    logCheckResult: assign(({ context }, params: { checkId: string }) => {
      const index = context.checks.findIndex((check) => check.checkId === params.checkId && check.resultAtMs === null);
      const check = context.checks[index];
      if (!check) return {};
      const atMs = elapsedSinceAnswer(context);
      const records = systemsCheckResult(context.scenario, check.database, check.subject)?.records ?? [];
      const checks = [...context.checks];
      checks[index] = { ...check, resultAtMs: atMs, records };
      return { checks, incidentLog: [...context.incidentLog, { kind: 'check-result' as const, atMs, checkId: params.checkId, noTrace: records.length === 0 }] };
    }),
    /** Text clips: moves the clip's clock to the next message's arrival. */
    advanceText: assign(({ context }) => ({ clipSeconds: nextTextMessageStart(context) ?? context.clipSeconds })),
    setTextPaused: assign((_, params: { paused: boolean }) => ({ textPaused: params.paused })),
    /** Moves on from caller speech (heard, or shown as text) to its `next`. */
    followNext: assign(({ context }) => ({ nodeId: advance(context.scenario, context.nodeId)?.nodeId ?? context.nodeId })),
    recordQuestion: assign(({ context }, params: { optionId: string }) => {
      const option = findOption(context.scenario, context.nodeId, params.optionId);
      if (!option) return {};
      return {
        nodeId: option.next,
        questionsAsked: [...context.questionsAsked, { nodeId: context.nodeId, optionId: option.id, atMs: elapsedSinceAnswer(context) }],
        lastDecision: { nodeId: context.nodeId, optionId: option.id },
        heard: [...context.heard, { kind: 'trainee' as const, nodeId: context.nodeId, optionId: option.id, text: option.text }],
      };
    }),
    startClip: assign(({ context }) => {
      const step = resolveStep(context.scenario, context.nodeId);
      const clipId = step.kind === 'callerSpeech' ? step.clip.id : '';
      return {
        clipSeconds: 0,
        audioProblem: null,
        textPaused: false,
        heard: [...context.heard, { kind: 'caller' as const, nodeId: context.nodeId, clipId, cutOffAtSeconds: null }],
        callTimeline: [...context.callTimeline, { kind: 'clip-started' as const, atMs: elapsedSinceAnswer(context), clipId }],
      };
    }),
    trackProgress: assign((_, params: { seconds: number }) => ({ clipSeconds: Math.max(0, params.seconds) })),
    recordAudioFailure: assign((_, params: { message: string }) => ({ audioProblem: params.message })),
    /** Marks the clip being played as heard only up to now. */
    cutOffClip: assign(({ context }) => {
      const last = context.heard.at(-1);
      if (last?.kind !== 'caller') return {};
      return { heard: [...context.heard.slice(0, -1), { ...last, cutOffAtSeconds: context.clipSeconds }] };
    }),
    recordEndNode: assign(({ context }) => ({ ending: { kind: 'endNode' as const, nodeId: context.nodeId } })),
    recordBrokenGraph: assign(({ context }) => {
      const step = resolveStep(context.scenario, context.nodeId);
      const message = step.kind === 'broken' ? step.message : `The call cannot continue from node "${context.nodeId}".`;
      return { ending: { kind: 'callGraphBroken' as const, message } };
    }),
    recordHangUp: assign({ ending: { kind: 'traineeHungUp' as const } }),
    recordCallEnd: assign(({ context }) => ({
      audioProblem: null,
      // A resumed call that had already ended keeps the duration it had.
      timings: { ...context.timings, callDurationMs: context.timings.callDurationMs ?? elapsedSinceAnswer(context) },
    })),
    /** Keeps the latest pin, stamped with its time since answer: time to location is when it was last set. */
    recordLocation: assign(({ context }, params: { location: LocationPin }) => ({
      location: { ...params.location, atMs: elapsedSinceAnswer(context) },
    })),
    clearLocation: assign({ location: null }),
    /** Keeps the latest grade; the time of the first one is what counts as time to grade. */
    recordGrade: assign(({ context }, params: { grade: string }) => ({
      grade: params.grade,
      incidentLog: [...context.incidentLog, { kind: 'grade' as const, atMs: elapsedSinceAnswer(context), grade: params.grade }],
      timings: { ...context.timings, timeToGradeMs: context.timings.timeToGradeMs ?? elapsedSinceAnswer(context) },
    })),
    recordSubmission: assign(({ context }, params: { assessment: Assessment }) => {
      const timeToSubmitMs = elapsedSinceAnswer(context);
      // A grade first chosen on the assessment form itself was chosen, at the latest, on submitting.
      const timeToGradeMs = context.timings.timeToGradeMs ?? (params.assessment.grade === null ? null : timeToSubmitMs);
      return {
        assessment: params.assessment,
        grade: params.assessment.grade,
        incidentLog: [...context.incidentLog, ...submissionChanges(context, params.assessment, timeToSubmitMs)],
        timings: { ...context.timings, timeToGradeMs, timeToSubmitMs },
      };
    }),
  },
}).createMachine({
  id: 'call',
  context: ({ input }) => {
    const now = input.now ?? Date.now;
    const resume = input.resume;
    if (resume) {
      const answeredAtMs = now() - resume.elapsedMs;
      return {
        scenario: input.scenario,
        now,
        ringingSinceMs: answeredAtMs - resume.timeToAnswerMs,
        answeredAtMs,
        nodeId: resume.nodeId,
        clipSeconds: 0,
        heard: resume.heard,
        questionsAsked: resume.questionsAsked,
        audioProblem: null,
        grade: resume.grade,
        location: resume.location,
        ending: resume.ending,
        assessment: null,
        timings: {
          timeToAnswerMs: resume.timeToAnswerMs,
          callDurationMs: resume.stage === 'connected' ? null : resume.callDurationMs,
          timeToGradeMs: resume.timeToGradeMs,
          timeToSubmitMs: null,
        },
        mode: resume.mode ?? input.mode ?? 'practice',
        incidentLog: resume.incidentLog ?? [],
        callTimeline: resume.callTimeline ?? [],
        ...incidentStateFromLog(input.scenario, resume.incidentLog ?? []),
        lastDecision: null,
        textPaused: false,
        resumedAt: resume.stage,
      };
    }
    return {
      scenario: input.scenario,
      now,
      ringingSinceMs: now(),
      answeredAtMs: null,
      nodeId: input.scenario.callGraph.start,
      clipSeconds: 0,
      heard: [],
      questionsAsked: [],
      audioProblem: null,
      grade: null,
      location: null,
      ending: null,
      assessment: null,
      timings: { timeToAnswerMs: null, callDurationMs: null, timeToGradeMs: null, timeToSubmitMs: null },
      mode: input.mode ?? 'practice',
      incidentLog: [],
      callTimeline: [],
      live: { thrive: {}, safeguardingActions: [], incidentType: null, locationText: '' },
      checks: [],
      lastDecision: null,
      textPaused: false,
      resumedAt: null,
    };
  },
  on: {
    'system.checkResult': { actions: { type: 'logCheckResult', params: ({ event }) => ({ checkId: event.checkId }) } },
    'system.update': { actions: { type: 'showUpdate', params: ({ event }) => ({ updateId: event.updateId }) } },
  },
  initial: 'starting',
  states: {
    /** Transient: a new call rings; a resumed one goes back to where it was. */
    starting: {
      always: [
        { guard: { type: 'resumedAt', params: { stage: 'connected' } }, target: 'connected' },
        { guard: { type: 'resumedAt', params: { stage: 'callEnded' } }, target: 'callEnded' },
        { guard: { type: 'resumedAt', params: { stage: 'assessment' } }, target: 'assessment' },
        { target: 'ringing' },
      ],
    },
    ringing: {
      entry: {
        type: 'preloadClips',
        params: ({ context }) => ({ clips: firstClipsFrom(context.scenario, [context.scenario.callGraph.start]) }),
      },
      on: {
        'user.answer': {
          target: 'connected',
          actions: ['recordAnswer', 'scheduleTimedUpdates'],
        },
      },
    },
    connected: {
      initial: 'routing',
      on: {
        'user.hangUp': { target: 'callEnded', actions: 'recordHangUp' },
        ...incidentLogTransitions,
      },
      states: {
        /** Transient: goes wherever the current node says. */
        routing: {
          always: [
            { guard: 'clipIsText', target: 'callerTexting' },
            { guard: { type: 'nodeIs', params: { kind: 'callerSpeech' } }, target: 'callerSpeaking' },
            { guard: { type: 'nodeIs', params: { kind: 'questionChoice' } }, target: 'traineeChoosing' },
            { guard: { type: 'nodeIs', params: { kind: 'end' } }, target: '#call.callEnded', actions: 'recordEndNode' },
            { target: '#call.callEnded', actions: 'recordBrokenGraph' },
          ],
        },
        callerSpeaking: {
          entry: [
            'startClip',
            { type: 'preloadClips', params: ({ context }) => ({ clips: clipsAfter(context.scenario, context.nodeId) }) },
          ],
          invoke: {
            src: 'playClip',
            input: ({ context }) => {
              const step = resolveStep(context.scenario, context.nodeId);
              if (step.kind !== 'callerSpeech') throw new Error(`node "${context.nodeId}" is not caller speech`);
              return { clip: step.clip };
            },
            onError: {
              target: 'audioFailed',
              actions: { type: 'recordAudioFailure', params: ({ event }) => ({ message: describeError(event.error) }) },
            },
          },
          on: {
            'audio.progress': { actions: { type: 'trackProgress', params: ({ event }) => ({ seconds: event.seconds }) } },
            'audio.ended': { target: 'routing', actions: ['releaseUpdatesAfterClip', 'followNext'] },
            'audio.failed': {
              target: 'audioFailed',
              actions: { type: 'recordAudioFailure', params: ({ event }) => ({ message: event.message }) },
            },
            'user.hangUp': { target: '#call.callEnded', actions: ['cutOffClip', 'recordHangUp'] },
          },
        },
        /** The clip could not play: the screen shows its full text until the trainee continues. */
        audioFailed: {
          on: { 'user.continue': { target: 'routing', actions: ['releaseUpdatesAfterClip', 'followNext'] } },
        },
        /**
         * A text clip (emergency SMS, online report): its messages arrive at their caption starts on
         * the machine's clock; when the last caption ends the call moves on. Practice mode can pause.
         */
        callerTexting: {
          entry: [
            'startClip',
            { type: 'preloadClips', params: ({ context }) => ({ clips: clipsAfter(context.scenario, context.nodeId) }) },
          ],
          initial: 'arriving',
          states: {
            arriving: {
              after: {
                nextTextMessage: [
                  { guard: 'textHasMore', target: 'arriving', reenter: true, actions: 'advanceText' },
                  { target: '#call.connected.routing', actions: ['releaseUpdatesAfterClip', 'followNext'] },
                ],
              },
              on: { 'user.pause': { guard: 'isPractice', target: 'paused', actions: { type: 'setTextPaused', params: { paused: true } } } },
            },
            paused: {
              on: { 'user.resume': { target: 'arriving', actions: { type: 'setTextPaused', params: { paused: false } } } },
            },
          },
          on: {
            'user.hangUp': { target: '#call.callEnded', actions: ['cutOffClip', 'recordHangUp'] },
          },
        },
        traineeChoosing: {
          on: {
            'user.askQuestion': {
              guard: { type: 'offersOption', params: ({ event }) => ({ optionId: event.optionId }) },
              target: 'routing',
              actions: { type: 'recordQuestion', params: ({ event }) => ({ optionId: event.optionId }) },
            },
          },
        },
      },
    },
    callEnded: {
      entry: 'recordCallEnd',
      on: {
        ...incidentLogTransitions,
        'user.startAssessment': { target: 'assessment' },
      },
    },
    assessment: {
      on: {
        ...incidentLogTransitions,
        'user.submitAssessment': {
          target: 'submitted',
          actions: { type: 'recordSubmission', params: ({ event }) => ({ assessment: event.assessment }) },
        },
      },
    },
    submitted: { type: 'final' },
  },
  output: ({ context }) => callResponseFrom(context),
});

/** When the current text clip's next message arrives (seconds into the clip), after `clipSeconds`; null when none is left. */
function nextTextMessageStart(context: CallContext): number | null {
  const step = resolveStep(context.scenario, context.nodeId);
  if (step.kind !== 'callerSpeech') return null;
  const next = step.clip.captions.map((caption) => caption.start).filter((start) => start > context.clipSeconds + 1e-9);
  return next.length > 0 ? Math.min(...next) : null;
}

/**
 * The next moment in the current text clip, in seconds: the next message's arrival, else the
 * clip's end (its last caption's end, never before `clipSeconds`).
 */
function nextTextBoundary(context: CallContext): number {
  const step = resolveStep(context.scenario, context.nodeId);
  const end = step.kind === 'callerSpeech' ? (step.clip.captions.at(-1)?.end ?? 0) : 0;
  return nextTextMessageStart(context) ?? Math.max(end, context.clipSeconds);
}

/**
 * What the submitted assessment changed against the live log, as entries at submission: a grade,
 * a rating or rationale, or an action that differs from what the log last held. So every change is
 * time-stamped even when made on the final form.
 */
function submissionChanges(context: CallContext, assessment: Assessment, atMs: number): IncidentLogEntry[] {
  const entries: IncidentLogEntry[] = [];
  if (assessment.grade !== context.grade) entries.push({ kind: 'grade', atMs, grade: assessment.grade });
  for (const [element, given] of Object.entries(assessment.thrive)) {
    const live = context.live.thrive[element];
    if (!live || live.rating !== given.rating || live.rationale !== given.rationale) {
      if (given.rating !== null || given.rationale.length > 0 || live) entries.push({ kind: 'rating', atMs, element, rating: given.rating, rationale: given.rationale });
    }
  }
  const before = new Set(context.live.safeguardingActions);
  const after = new Set(assessment.safeguardingActions);
  for (const action of after) if (!before.has(action)) entries.push({ kind: 'safeguarding', atMs, action, taken: true });
  for (const action of before) if (!after.has(action)) entries.push({ kind: 'safeguarding', atMs, action, taken: false });
  return entries;
}

/** A snapshot of a running call, as `useMachine`/`useSelector` give it. */
export type CallSnapshot = SnapshotFrom<typeof callMachine>;

/**
 * The CallResponse recorded in a submitted call's context (the machine's output). Throws if the
 * call has not been submitted.
 */
export function callResponseFrom(context: CallContext): CallResponse {
  const { ending, assessment, timings } = context;
  if (!ending || !assessment || timings.timeToAnswerMs === null || timings.callDurationMs === null || timings.timeToSubmitMs === null) {
    throw new Error('The call has not been submitted yet: there is no response to record.');
  }
  return {
    questionsAsked: [...context.questionsAsked],
    endNodeId: endNodeIdOf(ending),
    ...(context.location ? { location: context.location } : {}),
    assessment,
    mode: context.mode,
    incidentLog: [...context.incidentLog],
    callTimeline: [...context.callTimeline],
    timings: {
      timeToAnswerMs: timings.timeToAnswerMs,
      callDurationMs: timings.callDurationMs,
      timeToGradeMs: timings.timeToGradeMs,
      timeToSubmitMs: timings.timeToSubmitMs,
    },
  };
}

/** The `endNodeId` a CallResponse records for an ending. */
export function endNodeIdOf(ending: CallEnding): string {
  switch (ending.kind) {
    case 'endNode':
      return ending.nodeId;
    case 'traineeHungUp':
      return TRAINEE_HUNG_UP_END_ID;
    case 'callGraphBroken':
      return CALL_GRAPH_BROKEN_END_ID;
  }
}

/**
 * The call machine's effects over a real or fake AudioPort, for `callMachine.provide(...)`:
 * `playClip` plays through it and `preloadClips` preloads through it.
 */
export function callAudioImplementations(audio: AudioPort) {
  return {
    actors: { playClip: createPlayClip(audio) },
    actions: { preloadClips: createPreloadClips(audio) },
  };
}
