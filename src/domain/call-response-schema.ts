import { z } from 'zod';
import { mapPointSchema } from './map-geometry';
import { slugSchema } from './scenario-schema';

/**
 * What the trainee did on one call: the questions they chose (in order, with when) and their
 * assessment. The call machine produces it; scoring and the store read it.
 */
export const elementAssessmentSchema = z.strictObject({
  rating: slugSchema.nullable(),
  rationale: z.string().max(2000),
});

/**
 * `endNodeId` values a call can record that are not nodes of the scenario: the trainee hung up
 * before an end node, or the call reached a node the scenario does not define. Scenarios may not
 * use them as node ids (checkCallGraph refuses them).
 */
export const TRAINEE_HUNG_UP_END_ID = 'trainee-hung-up';
export const CALL_GRAPH_BROKEN_END_ID = 'call-graph-broken';
export const RESERVED_END_IDS: readonly string[] = [TRAINEE_HUNG_UP_END_ID, CALL_GRAPH_BROKEN_END_ID];

export const askedQuestionSchema = z.strictObject({
  nodeId: slugSchema,
  optionId: slugSchema,
  /** Milliseconds since the call was answered. */
  atMs: z.number().min(0),
});

/**
 * How sure the trainee was of their grade, asked beside it. Spaced repetition weighs a confidently
 * wrong grade more than a guess. Optional: attempts recorded before it was asked have none.
 */
export const gradeConfidences = ['guessing', 'unsure', 'fairly-sure', 'certain'] as const;
export const gradeConfidenceSchema = z.enum(gradeConfidences);

export const assessmentSchema = z.strictObject({
  thrive: z.record(slugSchema, elementAssessmentSchema),
  grade: slugSchema.nullable(),
  /** Absent when the trainee did not say (and in attempts recorded before it was asked). */
  gradeConfidence: gradeConfidenceSchema.optional(),
  safeguardingActions: z.array(slugSchema),
});

export const callTimingsSchema = z.strictObject({
  /** Ringing until the trainee pressed Answer. */
  timeToAnswerMs: z.number().min(0),
  /** Answer until the call ended. */
  callDurationMs: z.number().min(0),
  /** Answer until the trainee first chose a grade; null if they never did. */
  timeToGradeMs: z.number().min(0).nullable(),
  /** Answer until the assessment was submitted. */
  timeToSubmitMs: z.number().min(0),
});

/** How the trainee found the place they pinned. */
export const locationMethods = ['map', 'search', 'three-word-code'] as const;
export const locationMethodSchema = z.enum(locationMethods);

/**
 * Where the trainee pinned the incident: their latest pin, if they moved it. `label` is what the
 * pin said (the place searched for, the three-word code typed, or a map pin's own wording).
 */
export const pinnedLocationSchema = z.strictObject({
  point: mapPointSchema,
  method: locationMethodSchema,
  label: z.string().max(500),
  /** Milliseconds since the call was answered. */
  atMs: z.number().min(0),
});

/** Practice: verbatim captions, pause, coaching hints. Assessment: none of those; recorded as assessed. */
export const callModes = ['practice', 'assessment'] as const;
export const callModeSchema = z.enum(callModes);

const atMs = z.number().min(0).meta({ description: 'Milliseconds since the call was answered.' });

/**
 * One time-stamped entry of the trainee's live incident log, like a command-and-control record:
 * every grade set or changed, THRIVE+ rating or rationale changed, safeguarding action toggled,
 * incident type and location text set, free-text note, systems check asked for and its result
 * arriving. Corrections are new entries; nothing is edited.
 */
export const incidentLogEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('grade'), atMs, grade: slugSchema.nullable(), rationale: z.string().max(2000).optional() }),
  z.strictObject({ kind: z.literal('rating'), atMs, element: slugSchema, rating: slugSchema.nullable(), rationale: z.string().max(2000) }),
  z.strictObject({ kind: z.literal('safeguarding'), atMs, action: slugSchema, taken: z.boolean() }),
  z.strictObject({ kind: z.literal('incident-type'), atMs, incidentType: slugSchema }),
  z.strictObject({ kind: z.literal('location-text'), atMs, text: z.string().max(500) }),
  z.strictObject({ kind: z.literal('note'), atMs, text: z.string().min(1).max(2000) }),
  z.strictObject({ kind: z.literal('check-requested'), atMs, checkId: z.string().min(1).max(120) }),
  z.strictObject({ kind: z.literal('check-result'), atMs, checkId: z.string().min(1).max(120), noTrace: z.boolean() }),
]);

/** What the trainee heard or was shown, and when: caller clips starting, updates arriving. Scoring times cues from it. */
export const callTimelineEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('clip-started'), atMs, clipId: slugSchema }),
  z.strictObject({ kind: z.literal('update-shown'), atMs, updateId: slugSchema }),
]);

export const callResponseSchema = z.strictObject({
  questionsAsked: z.array(askedQuestionSchema),
  endNodeId: slugSchema,
  assessment: assessmentSchema,
  timings: callTimingsSchema,
  /** Absent when the trainee pinned nothing (and in attempts recorded before pins existed). */
  location: pinnedLocationSchema.optional(),
  /** Absent in attempts recorded before modes existed (they were practice). */
  mode: callModeSchema.optional(),
  /** The live incident log, in time order; absent in older attempts. The final assessment is still `assessment`. */
  incidentLog: z.array(incidentLogEntrySchema).optional(),
  /** Clips and updates in the order the trainee met them; absent in older attempts. */
  callTimeline: z.array(callTimelineEntrySchema).optional(),
});

export type ElementAssessment = z.infer<typeof elementAssessmentSchema>;
export type AskedQuestion = z.infer<typeof askedQuestionSchema>;
export type Assessment = z.infer<typeof assessmentSchema>;
export type GradeConfidence = z.infer<typeof gradeConfidenceSchema>;
export type CallTimings = z.infer<typeof callTimingsSchema>;
export type CallResponse = z.infer<typeof callResponseSchema>;
export type PinnedLocation = z.infer<typeof pinnedLocationSchema>;
export type LocationMethod = z.infer<typeof locationMethodSchema>;
export type CallMode = z.infer<typeof callModeSchema>;
export type IncidentLogEntry = z.infer<typeof incidentLogEntrySchema>;
export type CallTimelineEntry = z.infer<typeof callTimelineEntrySchema>;
