import { z } from 'zod';
import { actionVerdictSchema, cueSchema } from './answer-key-schema';
import { locationMethodSchema } from './call-response-schema';
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
  }),
  percent: z.number().min(0).max(100),
  band: z.strictObject({ id: slugSchema, label: z.string() }),
});

export type ScoreReport = z.infer<typeof scoreReportSchema>;
export type ElementResult = z.infer<typeof elementResultSchema>;
export type GradeResult = z.infer<typeof gradeResultSchema>;
export type ActionResult = z.infer<typeof actionResultSchema>;
export type KeyQuestionResult = z.infer<typeof keyQuestionResultSchema>;
export type TriggeredCriticalMiss = z.infer<typeof triggeredCriticalMissSchema>;
export type LocationResult = z.infer<typeof locationResultSchema>;
export type LocationVerdict = LocationResult['verdict'];
