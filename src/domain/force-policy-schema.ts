import { z } from 'zod';
import { parseVersionedFile, type VersionedFormat } from './format-version';

/**
 * A force's grading policy, as data: forces differ (THRIVE, THRIVE+, THRIIVES; three to five
 * grades with their own names and targets), so none of this is code. Grades are listed most
 * urgent first; the rating scale lowest first.
 */
export const FORCE_POLICY_FORMAT_VERSION = 1;

const id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens, e.g. "keep-caller-on-line"');

export const riskElementSchema = z.strictObject({
  id,
  letter: z.string().min(1).max(2),
  name: z.string().min(1),
  prompt: z.string().min(1).meta({ description: 'What the call handler asks themselves for this element.' }),
  weight: z.number().positive().meta({ description: 'Relative weight of this element within the THRIVE+ score.' }),
});

export const ratingLevelSchema = z.strictObject({ id, label: z.string().min(1) });

export const gradeLevelSchema = z.strictObject({
  id,
  name: z.string().min(1),
  shortLabel: z.string().min(1).max(12),
  definition: z.string().min(1),
  attendanceTarget: z.string().min(1),
});

export const safeguardingActionDefinitionSchema = z.strictObject({
  id,
  label: z.string().min(1),
  group: z.enum(['immediate', 'advice-and-evidence', 'recording-and-flagging', 'referral']),
  description: z.string().min(1),
});

export const complianceBandSchema = z.strictObject({
  id,
  label: z.string().min(1),
  minPercent: z.number().min(0).max(100),
});

export const scoringPolicySchema = z.strictObject({
  categoryWeights: z.strictObject({
    thrive: z.number().min(0),
    grade: z.number().min(0),
    safeguarding: z.number().min(0),
    keyQuestions: z.number().min(0),
    location: z
      .number()
      .min(0)
      .optional()
      .meta({ description: 'Weight of locating the incident on the map; 0 when absent. Scored only on calls whose answer key has a location.' }),
    advice: z
      .number()
      .min(0)
      .optional()
      .meta({ description: 'Weight of advice to the caller. When set, actions of the "advice-and-evidence" group are scored here instead of under safeguarding.' }),
    recording: z
      .number()
      .min(0)
      .optional()
      .meta({
        description:
          'Weight of recording: actions of the "recording-and-flagging" group (scored here instead of under safeguarding) and a written rationale for every THRIVE+ element.',
      }),
  }),
  ratingCredit: z.strictObject({
    oneStepOff: z.number().min(0).max(1).meta({ description: 'Credit for a rating one step from every acceptable rating.' }),
  }),
  gradeCredit: z.strictObject({
    lostPerLevelUnder: z.number().min(0).max(1).meta({ description: 'Credit lost per level below the acceptable grades (under-grading).' }),
    lostPerLevelOver: z.number().min(0).max(1).meta({ description: 'Credit lost per level above the acceptable grades (over-grading).' }),
  }),
  safeguardingUnits: z.strictObject({
    required: z.number().positive(),
    recommended: z.number().min(0),
    harmfulPenalty: z.number().min(0),
  }),
  locationTiming: z
    .strictObject({
      targetSeconds: z.number().positive().meta({ description: 'Time from answering by which the incident location should be pinned.' }),
      lateCreditFactor: z.number().min(0).max(1).meta({ description: 'Share of the location credit kept when the pin comes after the target.' }),
    })
    .optional()
    .meta({ description: 'How time to location is scored; absent means time is reported but not scored.' }),
  timeliness: z
    .strictObject({
      lateCheckCredit: z.number().min(0).max(1).meta({ description: 'Credit kept by a required check asked for after its moment.' }),
      lateRegradeCredit: z.number().min(0).max(1).meta({ description: 'Credit kept by a re-grade made after its allowance ran out.' }),
    })
    .optional()
    .meta({ description: 'Credit for required checks and re-grades that came late; absent: 0.5 each.' }),
  panel: z
    .strictObject({
      gradeSpreadFlagLevels: z.number().int().min(1).meta({ description: 'Experts whose grades are this many levels apart (or more) flag the scenario for review.' }),
      ratingSpreadFlagSteps: z.number().int().min(1).meta({ description: 'Experts whose ratings of one element are this many steps apart (or more) flag it.' }),
    })
    .optional()
    .meta({ description: 'When a panel of experts disagrees strongly enough to flag the scenario; absent: 2 grade levels, 2 rating steps.' }),
  majorDeviationBand: id
    .optional()
    .meta({ description: 'The highest band an attempt with a major deviation can reach (AQUA: no High Compliance with a major deviation). Absent: no cap.' }),
  reasons: z
    .record(z.string(), z.string().min(1))
    .optional()
    .meta({ description: 'Why the weights, credits and bands are what they are, for trainers and reviewers.' }),
  bands: z.array(complianceBandSchema).min(1).meta({ description: 'Compliance bands, highest first.' }),
  criticalMissBand: id.meta({ description: 'The band any attempt with a critical miss falls into, whatever its total.' }),
  passingBands: z
    .array(id)
    .min(1)
    .optional()
    .meta({ description: 'Bands that count as a pass where a pass is reported (an LMS: SCORM "passed"/"failed", cmi5 passed/failed); absent means attempts are reported as completed only.' }),
});

export const forcePolicySchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'Path to the published JSON Schema, for editors.' }),
    formatVersion: z.literal(FORCE_POLICY_FORMAT_VERSION),
    id,
    name: z.string().min(1),
    description: z.string().min(1),
    framework: z.strictObject({
      name: z.string().min(1),
      note: z.string().min(1),
      elements: z.array(riskElementSchema).min(1),
      ratingScale: z.array(ratingLevelSchema).min(2).meta({ description: 'Lowest first.' }),
    }),
    grades: z.array(gradeLevelSchema).min(2).meta({ description: 'Most urgent first.' }),
    safeguardingActions: z.array(safeguardingActionDefinitionSchema).min(1),
    scoring: scoringPolicySchema,
  })
  .superRefine((policy, ctx) => {
    const unique = (ids: string[], path: PropertyKey[], what: string) => {
      const seen = new Set<string>();
      ids.forEach((value, index) => {
        if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [...path, index, 'id'], message: `duplicate ${what} id "${value}"` });
        seen.add(value);
      });
    };
    unique(policy.framework.elements.map((e) => e.id), ['framework', 'elements'], 'element');
    unique(policy.framework.ratingScale.map((r) => r.id), ['framework', 'ratingScale'], 'rating');
    unique(policy.grades.map((g) => g.id), ['grades'], 'grade');
    unique(policy.safeguardingActions.map((a) => a.id), ['safeguardingActions'], 'safeguarding action');
    unique(policy.scoring.bands.map((b) => b.id), ['scoring', 'bands'], 'band');
    policy.scoring.bands.forEach((band, index) => {
      const previous = policy.scoring.bands[index - 1];
      if (previous && previous.minPercent <= band.minPercent) {
        ctx.addIssue({ code: 'custom', path: ['scoring', 'bands', index, 'minPercent'], message: 'bands must be listed highest first, each with a lower minPercent than the one before' });
      }
    });
    const lowest = policy.scoring.bands[policy.scoring.bands.length - 1];
    if (lowest && lowest.minPercent !== 0) {
      ctx.addIssue({ code: 'custom', path: ['scoring', 'bands', policy.scoring.bands.length - 1, 'minPercent'], message: 'the lowest band must start at 0 so every total has a band' });
    }
    if (!policy.scoring.bands.some((b) => b.id === policy.scoring.criticalMissBand)) {
      ctx.addIssue({ code: 'custom', path: ['scoring', 'criticalMissBand'], message: `"${policy.scoring.criticalMissBand}" is not one of the bands` });
    }
    const cap = policy.scoring.majorDeviationBand;
    if (cap !== undefined && !policy.scoring.bands.some((b) => b.id === cap)) {
      ctx.addIssue({ code: 'custom', path: ['scoring', 'majorDeviationBand'], message: `"${cap}" is not one of the bands` });
    }
    policy.scoring.passingBands?.forEach((bandId, index) => {
      if (!policy.scoring.bands.some((b) => b.id === bandId)) {
        ctx.addIssue({ code: 'custom', path: ['scoring', 'passingBands', index], message: `"${bandId}" is not one of the bands` });
      }
    });
    const weights = policy.scoring.categoryWeights;
    if (
      weights.thrive + weights.grade + weights.safeguarding + weights.keyQuestions + (weights.location ?? 0) + (weights.advice ?? 0) + (weights.recording ?? 0) <=
      0
    ) {
      ctx.addIssue({ code: 'custom', path: ['scoring', 'categoryWeights'], message: 'at least one category must carry weight' });
    }
  });

export type ForcePolicy = z.infer<typeof forcePolicySchema>;
export type RiskElement = z.infer<typeof riskElementSchema>;
export type GradeLevel = z.infer<typeof gradeLevelSchema>;
export type SafeguardingActionDefinition = z.infer<typeof safeguardingActionDefinitionSchema>;
export type ComplianceBand = z.infer<typeof complianceBandSchema>;

export const forcePolicyFormat: VersionedFormat = {
  name: 'force policy',
  currentVersion: FORCE_POLICY_FORMAT_VERSION,
  steps: [],
};

/** Parses an untrusted force policy file; throws FormatError naming the file, field and reason. */
export function parseForcePolicy(input: unknown, file: string): ForcePolicy {
  return parseVersionedFile(forcePolicyFormat, forcePolicySchema, input, file);
}

const rankCache = new WeakMap<ForcePolicy, { readonly grade: ReadonlyMap<string, number>; readonly rating: ReadonlyMap<string, number> }>();

/** Grade and rating positions, looked up once per policy object (scoring asks thousands of times). */
function ranksOf(policy: ForcePolicy) {
  let ranks = rankCache.get(policy);
  if (!ranks) {
    ranks = {
      grade: new Map(policy.grades.map((g, index) => [g.id, index])),
      rating: new Map(policy.framework.ratingScale.map((r, index) => [r.id, index])),
    };
    rankCache.set(policy, ranks);
  }
  return ranks;
}

/** 0 = most urgent. */
export function gradeRank(policy: ForcePolicy, gradeId: string): number {
  const rank = ranksOf(policy).grade.get(gradeId);
  if (rank === undefined) throw new Error(`grade "${gradeId}" is not in force policy "${policy.id}"`);
  return rank;
}

/** 0 = lowest rating. */
export function ratingRank(policy: ForcePolicy, ratingId: string): number {
  const rank = ranksOf(policy).rating.get(ratingId);
  if (rank === undefined) throw new Error(`rating "${ratingId}" is not in force policy "${policy.id}"`);
  return rank;
}
