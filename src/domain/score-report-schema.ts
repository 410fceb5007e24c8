import { z } from 'zod';
import { actionVerdictSchema, cueSchema, deviationSeveritySchema, keyMomentSchema } from './answer-key-schema';
import { callModeSchema, locationMethodSchema } from './call-response-schema';
import { mapPointSchema } from './map-geometry';
import { slugSchema } from './scenario-schema';

/**
 * What scoring says about one attempt. Saved with the attempt, so the debrief and history show
 * exactly what the trainee was told even after a scenario or policy changes. Fractions run 0..1;
 * `percent` 0..100.
 */
const categorySchema = z.strictObject({ fraction: z.number().min(0).max(1), weight: z.number().min(0) });

export const elementResultSchema = z.strictObject({
  element: slugSchema,
  given: slugSchema.nullable(),
  givenRationale: z.string(),
  expected: slugSchema,
  acceptable: z.array(slugSchema),
  verdict: z.enum(['expected', 'acceptable', 'one-step-off', 'wrong', 'not-rated']),
  credit: z.number().min(0).max(1),
  expertRationale: z.string(),
  cues: z.array(cueSchema),
});

export const gradeResultSchema = z.strictObject({
  given: slugSchema.nullable(),
  expected: slugSchema,
  acceptable: z.array(slugSchema),
  verdict: z.enum(['expected', 'acceptable', 'over-graded', 'under-graded', 'not-graded']),
  /** Levels between the given grade and the nearest acceptable one (0 when accepted). */
  levelsOff: z.number().int().min(0),
  credit: z.number().min(0).max(1),
  expertRationale: z.string(),
  cues: z.array(cueSchema),
});

export const actionResultSchema = z.strictObject({
  action: slugSchema,
  verdict: actionVerdictSchema,
  chosen: z.boolean(),
  reason: z.string(),
  cues: z.array(cueSchema),
});

export const keyQuestionResultSchema = z.strictObject({
  id: slugSchema,
  question: z.string(),
  asked: z.boolean(),
  reason: z.string(),
  cue: cueSchema.optional(),
});

export const triggeredCriticalMissSchema = z.strictObject({
  id: slugSchema,
  description: z.string(),
  reason: z.string(),
  cue: cueSchema.optional(),
});

/**
 * How close the trainee's pin came to the key location. `within` the accepted radius earns full
 * credit, `near` (within twice it) half, `outside` or `not-pinned` nothing.
 */
export const locationVerdicts = ['within', 'near', 'outside', 'not-pinned'] as const;
export const locationResultSchema = z.strictObject({
  given: mapPointSchema.nullable(),
  givenLabel: z.string(),
  method: locationMethodSchema.nullable(),
  expected: mapPointSchema,
  description: z.string(),
  acceptedRadiusMetres: z.number().positive(),
  /** From the pin to the key location; null when nothing was pinned. */
  distanceMetres: z.number().min(0).nullable(),
  verdict: z.enum(locationVerdicts),
  credit: z.number().min(0).max(1),
  /** Answer until the pin was placed; null when nothing was pinned. */
  timeToLocationMs: z.number().min(0).nullable(),
  /** The policy's target for time to location, when it scores time (absent in older reports). */
  targetSeconds: z.number().positive().optional(),
  /** The pin came after the target, so it kept only part of its credit. */
  late: z.boolean().optional(),
  expertRationale: z.string(),
  cues: z.array(cueSchema),
});

/** The scoring categories; `keyQuestions` is "information and checks" (key questions plus required systems checks). */
export const scoreCategoryIds = ['grade', 'thrive', 'safeguarding', 'keyQuestions', 'advice', 'recording', 'location'] as const;
export const scoreCategoryIdSchema = z.enum(scoreCategoryIds);

/** One departure from the key, with an AQUA-style severity, the expert's reason and the moment it turns on. */
export const deviationSchema = z.strictObject({
  id: z.string().min(1).meta({ description: 'Stable within a report, e.g. "grade", "action:pass-threats-verbatim", "check:warning-markers:caller-number".' }),
  category: scoreCategoryIdSchema,
  severity: deviationSeveritySchema,
  description: z.string(),
  reason: z.string(),
  cue: keyMomentSchema.optional(),
  /** When that cue or update reached the trainee (ms since answer); null when it never did or the attempt has no call timeline. */
  cueAtMs: z.number().min(0).nullable().optional(),
});

const timingVerdict = { atMs: z.number().min(0).nullable(), dueAtMs: z.number().min(0).nullable() };

/** A required systems check: asked for in time, late, or never. */
export const checkResultSchema = z.strictObject({
  id: slugSchema,
  checkId: z.string(),
  database: z.string(),
  subject: slugSchema,
  subjectLabel: z.string(),
  /** When the trainee asked for it (ms since answer); null when never. */
  requestedAtMs: timingVerdict.atMs,
  /** When it should have been asked for by; null when any time before the end counts. */
  dueAtMs: timingVerdict.dueAtMs,
  verdict: z.enum(['on-time', 'late', 'missed']),
  credit: z.number().min(0).max(1),
  severity: deviationSeveritySchema,
  reason: z.string(),
  by: keyMomentSchema.optional(),
});

/** A required re-grade after new information (re-THRIVE). */
export const regradeResultSchema = z.strictObject({
  id: slugSchema,
  expected: slugSchema,
  acceptable: z.array(slugSchema),
  after: keyMomentSchema,
  /** When the cue reached the trainee; null when their call never reached it (not scored then). */
  cueAtMs: z.number().min(0).nullable(),
  withinSeconds: z.number().positive(),
  /** The trainee's grade when the allowance ran out. */
  gradeAtDeadline: slugSchema.nullable(),
  /** When the grade reached an accepted level for good (ms since answer); null when never. Before the cue means it was already there. */
  reachedAtMs: z.number().min(0).nullable(),
  /** Seconds from the cue until the grade was accepted (0 when it already was); null when never. */
  secondsAfterCue: z.number().min(0).nullable(),
  verdict: z.enum(['in-time', 'already-there', 'late', 'missed', 'cue-not-reached']),
  credit: z.number().min(0).max(1),
  severity: deviationSeveritySchema,
  reason: z.string(),
});

/** Time to grade, from the answer and from the cue that should have triggered the grade. */
export const timeToGradeSchema = z.strictObject({
  /** Answer until the first grade of any kind. */
  fromAnswerMs: z.number().min(0).nullable(),
  /** When the grade first reached an accepted level (or more urgent). */
  acceptedAtMs: z.number().min(0).nullable(),
  /** The earliest of the key's grade cues that the trainee heard, and when. */
  cue: cueSchema.optional(),
  cueAtMs: z.number().min(0).nullable(),
  /** acceptedAtMs minus cueAtMs; 0 when graded before the cue; null when either is unknown. */
  fromCueMs: z.number().min(0).nullable(),
});

/** Where the trainee sits against the panel of experts' spread. */
export const panelPositions = ['within', 'adjacent', 'outside', 'not-given'] as const;
const spreadSchema = z.strictObject({
  /** Every expert's answer, main key first. */
  answers: z.array(slugSchema),
  /** The most and least of them on the policy's scale (grades: most urgent first; ratings: lowest first). */
  min: slugSchema,
  max: slugSchema,
  given: slugSchema.nullable(),
  position: z.enum(panelPositions),
});
export const panelResultSchema = z.strictObject({
  experts: z.array(z.strictObject({ name: z.string(), role: z.string(), note: z.string().optional() })),
  grade: spreadSchema,
  elements: z.array(spreadSchema.extend({ element: slugSchema })),
  /** The experts disagree strongly: the scenario should be reviewed before it is used to assess. */
  disagreement: z.strictObject({ flagged: z.boolean(), reasons: z.array(z.string()) }),
});

export const scoreReportSchema = z.strictObject({
  policyId: slugSchema,
  elements: z.array(elementResultSchema),
  grade: gradeResultSchema,
  safeguarding: z.strictObject({
    actions: z.array(actionResultSchema),
    requiredMissed: z.array(slugSchema),
    harmfulChosen: z.array(slugSchema),
  }),
  keyQuestions: z.array(keyQuestionResultSchema),
  /** Present when the answer key has a location. */
  location: locationResultSchema.optional(),
  criticalMisses: z.array(triggeredCriticalMissSchema),
  categories: z.strictObject({
    thrive: categorySchema,
    grade: categorySchema,
    safeguarding: categorySchema,
    keyQuestions: categorySchema,
    /** Present (and counted in the total) when the answer key has a location. */
    location: categorySchema.optional(),
    /** Present when the policy weighs advice to the caller on its own (scoring v2). */
    advice: categorySchema.optional(),
    /** Present when the policy weighs recording on its own (scoring v2). */
    recording: categorySchema.optional(),
  }),
  percent: z.number().min(0).max(100),
  band: z.strictObject({ id: slugSchema, label: z.string() }),
  /** Scoring v2 (absent in older reports): every departure from the key, most severe first. */
  deviations: z.array(deviationSchema).optional(),
  checks: z.array(checkResultSchema).optional(),
  regrades: z.array(regradeResultSchema).optional(),
  timeToGrade: timeToGradeSchema.optional(),
  /** Present when the key has a panel of other experts. */
  panel: panelResultSchema.optional(),
  /** How the attempt was taken; assessment attempts are recorded as assessed. */
  mode: callModeSchema.optional(),
  /** The debrief's short summary: what went well, and the one or two things to work on. */
  summary: z.strictObject({ wentWell: z.array(z.string()), workOn: z.array(z.string()) }).optional(),
});

export type ScoreReport = z.infer<typeof scoreReportSchema>;
export type ElementResult = z.infer<typeof elementResultSchema>;
export type GradeResult = z.infer<typeof gradeResultSchema>;
export type ActionResult = z.infer<typeof actionResultSchema>;
export type KeyQuestionResult = z.infer<typeof keyQuestionResultSchema>;
export type TriggeredCriticalMiss = z.infer<typeof triggeredCriticalMissSchema>;
export type LocationResult = z.infer<typeof locationResultSchema>;
export type LocationVerdict = LocationResult['verdict'];
export type ScoreCategoryId = z.infer<typeof scoreCategoryIdSchema>;
export type Deviation = z.infer<typeof deviationSchema>;
export type CheckResult = z.infer<typeof checkResultSchema>;
export type RegradeResult = z.infer<typeof regradeResultSchema>;
export type TimeToGrade = z.infer<typeof timeToGradeSchema>;
export type PanelResult = z.infer<typeof panelResultSchema>;
export type PanelPosition = (typeof panelPositions)[number];
