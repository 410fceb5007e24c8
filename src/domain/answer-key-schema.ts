import { z } from 'zod';
import { parseVersionedFile, type VersionedFormat } from './format-version';
import { mapPointSchema } from './map-geometry';
import { secondsSchema, slugSchema, systemsDatabaseSchema } from './scenario-schema';

/**
 * The expert's answer to one scenario, kept apart from the scenario so a trainee's screen never
 * holds it. Ids (elements, ratings, grades, safeguarding actions) refer to the scenario's force
 * policy; `npm run scenarios:check` verifies every reference.
 */
export const ANSWER_KEY_FORMAT_VERSION = 1;

/**
 * The moment in the call that supports a judgement: a transcript line of a clip, plus an optional
 * offset into that line. Its time in the audio is resolved from the clip's caption timings
 * (`cueTime`), so re-rendering or re-recording a clip never leaves a key pointing at the wrong
 * moment.
 */
export const cueSchema = z.strictObject({
  clip: slugSchema,
  line: z.number().int().min(0).meta({ description: 'Index of the transcript line that holds the cue.' }),
  offset: secondsSchema.max(60).optional().meta({ description: 'Seconds into that line, when the cue is not at its start.' }),
  quote: z.string().min(1).optional().meta({ description: 'What is heard at that moment, for the debrief.' }),
});

/**
 * How serious a deviation from the key is, in the style of IAED AQUA: `critical` fails the
 * attempt whatever its total; `major` keeps it out of the top band; `moderate` and `minor` only
 * cost the marks of their category.
 */
export const deviationSeverities = ['minor', 'moderate', 'major', 'critical'] as const;
export const deviationSeveritySchema = z.enum(deviationSeverities);

/**
 * A moment a key can point at: a caller line (a cue) or a mid-call update of the scenario (its
 * id). Its time in the trainee's call depends on their path, so scoring reads it from the call
 * timeline the response records.
 */
export const updateMomentSchema = z.strictObject({
  update: slugSchema.meta({ description: 'Id of one of the scenario\'s updates.' }),
  quote: z.string().min(1).optional(),
});
export const keyMomentSchema = z.union([cueSchema, updateMomentSchema]);

/** A systems check the expert would run, and by when. */
export const requiredCheckSchema = z.strictObject({
  id: slugSchema,
  database: systemsDatabaseSchema,
  subject: slugSchema.meta({ description: 'Id of a subject of the scenario\'s systems.' }),
  reason: z.string().min(1),
  severity: deviationSeveritySchema.meta({ description: 'Severity of the deviation when the check is never run.' }),
  by: keyMomentSchema
    .optional()
    .meta({ description: 'The moment by which the check should have been asked for (plus withinSeconds). Absent: any time before the call ends.' }),
  withinSeconds: z.number().min(0).max(600).optional().meta({ description: 'Allowance after `by`; 0 when absent.' }),
});

/** A re-grade the expert would make after new information (re-THRIVE). */
export const requiredRegradeSchema = z.strictObject({
  id: slugSchema,
  after: keyMomentSchema.meta({ description: 'The cue or update that should trigger the re-grade.' }),
  expected: slugSchema.meta({ description: 'The grade expected once the cue is known.' }),
  acceptable: z.array(slugSchema).meta({ description: 'Other grades accepted after the cue; more urgent grades always count.' }),
  withinSeconds: z.number().positive().max(600).meta({ description: 'How soon after the cue the grade should have changed.' }),
  reason: z.string().min(1),
  severity: deviationSeveritySchema.meta({ description: 'Severity of the deviation when the grade never reaches it.' }),
});

/** Another expert's independent answer, for the panel the debrief shows beside the main key. */
export const panelAnswerSchema = z.strictObject({
  expert: z.strictObject({ name: z.string().min(1), role: z.string().min(1) }),
  grade: slugSchema,
  thrive: z.record(slugSchema, slugSchema).meta({ description: 'Rating per THRIVE+ element.' }),
  safeguardingActions: z.array(slugSchema).optional(),
  note: z.string().min(1).optional().meta({ description: 'Why this expert saw it differently.' }),
});

const judgement = {
  rationale: z.string().min(1),
  cues: z.array(cueSchema),
};

export const elementJudgementSchema = z.strictObject({
  expected: slugSchema,
  acceptable: z.array(slugSchema).meta({ description: 'Other ratings an expert would accept with a sound rationale.' }),
  ...judgement,
});

export const gradeJudgementSchema = z.strictObject({
  expected: slugSchema,
  acceptable: z.array(slugSchema),
  ...judgement,
});

export const actionVerdictSchema = z.enum(['required', 'recommended', 'neutral', 'harmful']);

export const safeguardingJudgementSchema = z.strictObject({
  action: slugSchema,
  verdict: actionVerdictSchema,
  reason: z.string().min(1),
  cues: z.array(cueSchema).optional(),
  severity: deviationSeveritySchema
    .optional()
    .meta({ description: 'Severity when a required or recommended action is missed, or a harmful one taken. Defaults: required major, recommended minor, harmful major.' }),
});

export const keyQuestionSchema = z.strictObject({
  id: slugSchema,
  question: z.string().min(1).meta({ description: 'The question in the trainer\u2019s words, e.g. "Is it safe to talk?"' }),
  optionIds: z.array(slugSchema).min(1).meta({ description: 'The call-graph options that ask it.' }),
  reason: z.string().min(1),
  cue: cueSchema.optional(),
  severity: deviationSeveritySchema.optional().meta({ description: 'Severity when not asked; moderate when absent.' }),
});

/** The widest accepted area a key may set around its location, in metres. */
export const MAX_ACCEPTED_RADIUS_METRES = 1000;

/**
 * Where the incident is, as the expert would pin it on the map, and how close a trainee's pin
 * must be. A pin within `acceptedRadiusMetres` earns full credit, within twice that half credit.
 * Set it by what officers need: about 100 m for a house or a block of flats, a few hundred metres
 * for a park, a stretch of road or a rural lane.
 */
export const answerKeyLocationSchema = z.strictObject({
  point: mapPointSchema.meta({ description: 'Metres east and north of the county\u2019s south-west corner.' }),
  description: z.string().min(1).meta({ description: 'The place in words, e.g. "Kestrel House, Mill Lane, Castlebridge: flat 6".' }),
  acceptedRadiusMetres: z.number().positive().max(MAX_ACCEPTED_RADIUS_METRES),
  rationale: z.string().min(1).meta({ description: 'How the call handler gets there from the feed and the caller\u2019s words.' }),
  cues: z.array(cueSchema).meta({ description: 'The moments the caller gives the location away.' }),
});

/** What makes a critical miss happen: each rule is checked against the trainee's response. */
export const criticalMissRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('gradeLessUrgentThan'), grade: slugSchema }),
  z.strictObject({ kind: z.literal('actionNotTaken'), action: slugSchema }),
  z.strictObject({ kind: z.literal('actionTaken'), action: slugSchema }),
  z.strictObject({ kind: z.literal('keyQuestionNotAsked'), keyQuestion: slugSchema }),
  z.strictObject({ kind: z.literal('ratingBelow'), element: slugSchema, rating: slugSchema }),
  z
    .strictObject({ kind: z.literal('locationOutsideAcceptedArea') })
    .meta({ description: 'The trainee pinned no location, or pinned it outside the key location\u2019s accepted radius. Needs a key location.' }),
]);

export const criticalMissSchema = z.strictObject({
  id: slugSchema,
  description: z.string().min(1),
  reason: z.string().min(1),
  rule: criticalMissRuleSchema,
  cue: cueSchema.optional(),
});

export const answerKeySchema = z.strictObject({
  $schema: z.string().optional().meta({ description: 'Path to the published JSON Schema, for editors.' }),
  formatVersion: z.literal(ANSWER_KEY_FORMAT_VERSION),
  scenarioId: slugSchema,
  scenarioVersion: z.number().int().min(1),
  expert: z.strictObject({ name: z.string().min(1), role: z.string().min(1) }),
  thrive: z.record(slugSchema, elementJudgementSchema).meta({ description: 'One judgement per THRIVE+ element of the force policy.' }),
  grade: gradeJudgementSchema,
  safeguardingActions: z.array(safeguardingJudgementSchema).min(1),
  keyQuestions: z.array(keyQuestionSchema),
  location: answerKeyLocationSchema
    .optional()
    .meta({ description: 'Where the incident is. Needs the scenario\u2019s callContext.locationArea; scored when present.' }),
  criticalMisses: z.array(criticalMissSchema),
  teachingPoints: z
    .array(z.strictObject({ text: z.string().min(1), reference: z.string().min(1) }))
    .min(1),
  wellbeing: z.string().min(1).optional().meta({ description: 'Signpost shown in the debrief of a sensitive call.' }),
  requiredChecks: z.array(requiredCheckSchema).optional().meta({ description: 'Systems checks the expert would run; each needs the scenario\'s systems.' }),
  regrades: z.array(requiredRegradeSchema).optional().meta({ description: 'Re-grades the expert would make after new information.' }),
  panel: z
    .array(panelAnswerSchema)
    .optional()
    .meta({ description: 'Other experts\' independent answers: the debrief shows the spread, and scoring flags a scenario whose experts disagree strongly.' }),
  notes: z.string().min(1).optional().meta({ description: 'For trainers and reviewers: why the key is as it is (e.g. a deliberately contentious call).' }),
}).superRefine((key, ctx) => {
  // Scoring looks judgements up by id: a second entry with the same id would be silently ignored.
  const unique = (ids: string[], path: PropertyKey[], field: string, what: string) => {
    const seen = new Set<string>();
    ids.forEach((value, index) => {
      if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [...path, index, field], message: `duplicate ${what} "${value}"` });
      seen.add(value);
    });
  };
  unique(key.safeguardingActions.map((a) => a.action), ['safeguardingActions'], 'action', 'judgement of safeguarding action');
  unique(key.keyQuestions.map((q) => q.id), ['keyQuestions'], 'id', 'key question id');
  unique(key.criticalMisses.map((m) => m.id), ['criticalMisses'], 'id', 'critical miss id');
  unique((key.requiredChecks ?? []).map((c) => c.id), ['requiredChecks'], 'id', 'required check id');
  unique((key.regrades ?? []).map((r) => r.id), ['regrades'], 'id', 're-grade id');
});

export type AnswerKey = z.infer<typeof answerKeySchema>;
export type Cue = z.infer<typeof cueSchema>;
export type ElementJudgement = z.infer<typeof elementJudgementSchema>;
export type ActionVerdict = z.infer<typeof actionVerdictSchema>;
export type SafeguardingJudgement = z.infer<typeof safeguardingJudgementSchema>;
export type KeyQuestion = z.infer<typeof keyQuestionSchema>;
export type CriticalMiss = z.infer<typeof criticalMissSchema>;
export type CriticalMissRule = z.infer<typeof criticalMissRuleSchema>;
export type AnswerKeyLocation = z.infer<typeof answerKeyLocationSchema>;
export type DeviationSeverity = z.infer<typeof deviationSeveritySchema>;
export type KeyMoment = z.infer<typeof keyMomentSchema>;
export type RequiredCheck = z.infer<typeof requiredCheckSchema>;
export type RequiredRegrade = z.infer<typeof requiredRegradeSchema>;
export type PanelAnswer = z.infer<typeof panelAnswerSchema>;

/** True when a key moment is a mid-call update rather than a caller line. */
export function isUpdateMoment(moment: KeyMoment): moment is z.infer<typeof updateMomentSchema> {
  return 'update' in moment;
}

export const answerKeyFormat: VersionedFormat = { name: 'answer key', currentVersion: ANSWER_KEY_FORMAT_VERSION, steps: [] };

/** Parses an untrusted answer key; throws FormatError naming the file, field and reason. */
export function parseAnswerKey(input: unknown, file: string): AnswerKey {
  return parseVersionedFile(answerKeyFormat, answerKeySchema, input, file);
}
