import { assign, fromCallback, setup, type EventObject, type SnapshotFrom } from 'xstate';
import {
  CALL_GRAPH_BROKEN_END_ID,
  TRAINEE_HUNG_UP_END_ID,
  type Assessment,
  type AskedQuestion,
  type CallResponse,
} from '../domain/call-response-schema';
import type { CallProgress } from '../domain/call-progress-schema';
import type { Clip, Scenario } from '../domain/scenario-schema';
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
   * A call saved part-way (see `selectCallProgress`) to carry on from instead of ringing: while
   * connected, the caller's last line is replayed and the call continues from there; after the
   * call, it reopens on the ended call or the assessment. Its times carry on from where they were.
   */
  readonly resume?: CallProgress;
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
  | { readonly type: 'user.submitAssessment'; readonly assessment: Assessment };

/** Every event the call machine accepts: the trainee's and the player's. */
export type CallEvent = CallUserEvent | ClipPlaybackEvent;

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
    /** Moves on from caller speech (heard, or shown as text) to its `next`. */
    followNext: assign(({ context }) => ({ nodeId: advance(context.scenario, context.nodeId)?.nodeId ?? context.nodeId })),
    recordQuestion: assign(({ context }, params: { optionId: string }) => {
      const option = findOption(context.scenario, context.nodeId, params.optionId);
      if (!option) return {};
      return {
        nodeId: option.next,
        questionsAsked: [...context.questionsAsked, { nodeId: context.nodeId, optionId: option.id, atMs: elapsedSinceAnswer(context) }],
        heard: [...context.heard, { kind: 'trainee' as const, nodeId: context.nodeId, optionId: option.id, text: option.text }],
      };
    }),
    startClip: assign(({ context }) => {
      const step = resolveStep(context.scenario, context.nodeId);
      const clipId = step.kind === 'callerSpeech' ? step.clip.id : '';
      return {
        clipSeconds: 0,
        audioProblem: null,
        heard: [...context.heard, { kind: 'caller' as const, nodeId: context.nodeId, clipId, cutOffAtSeconds: null }],
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
      timings: { ...context.timings, timeToGradeMs: context.timings.timeToGradeMs ?? elapsedSinceAnswer(context) },
    })),
    recordSubmission: assign(({ context }, params: { assessment: Assessment }) => {
      const timeToSubmitMs = elapsedSinceAnswer(context);
      // A grade first chosen on the assessment form itself was chosen, at the latest, on submitting.
      const timeToGradeMs = context.timings.timeToGradeMs ?? (params.assessment.grade === null ? null : timeToSubmitMs);
      return {
        assessment: params.assessment,
        grade: params.assessment.grade,
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
      resumedAt: null,
    };
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
      on: { 'user.answer': { target: 'connected', actions: 'recordAnswer' } },
    },
    connected: {
      initial: 'routing',
      on: {
        'user.hangUp': { target: 'callEnded', actions: 'recordHangUp' },
        'user.chooseGrade': { actions: { type: 'recordGrade', params: ({ event }) => ({ grade: event.grade }) } },
        'user.pinLocation': { actions: { type: 'recordLocation', params: ({ event }) => ({ location: event.location }) } },
        'user.clearLocation': { actions: 'clearLocation' },
      },
      states: {
        /** Transient: goes wherever the current node says. */
        routing: {
          always: [
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
            'audio.ended': { target: 'routing', actions: 'followNext' },
            'audio.failed': {
              target: 'audioFailed',
              actions: { type: 'recordAudioFailure', params: ({ event }) => ({ message: event.message }) },
            },
            'user.hangUp': { target: '#call.callEnded', actions: ['cutOffClip', 'recordHangUp'] },
          },
        },
        /** The clip could not play: the screen shows its full text until the trainee continues. */
        audioFailed: {
          on: { 'user.continue': { target: 'routing', actions: 'followNext' } },
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
        'user.chooseGrade': { actions: { type: 'recordGrade', params: ({ event }) => ({ grade: event.grade }) } },
        'user.pinLocation': { actions: { type: 'recordLocation', params: ({ event }) => ({ location: event.location }) } },
        'user.clearLocation': { actions: 'clearLocation' },
        'user.startAssessment': { target: 'assessment' },
      },
    },
    assessment: {
      on: {
        'user.chooseGrade': { actions: { type: 'recordGrade', params: ({ event }) => ({ grade: event.grade }) } },
        'user.pinLocation': { actions: { type: 'recordLocation', params: ({ event }) => ({ location: event.location }) } },
        'user.clearLocation': { actions: 'clearLocation' },
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
