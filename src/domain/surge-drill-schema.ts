import { z } from 'zod';
import { parseVersionedFile, type VersionedFormat } from './format-version';
import { difficultySchema, slugSchema } from './scenario-schema';

/**
 * Call-surge drill format v1 (`scenarios/surge-drills/<id>/drill.json`): several calls ring, wait
 * in the queue or have been abandoned, each showing what the control room knows before it is
 * answered. The trainee chooses the order to handle them in. Like a scenario, a drill holds no
 * answers: the expert's order lives in its answer key (`answer-key.json`, below), loaded only
 * after the drill is submitted.
 */
export const SURGE_DRILL_FORMAT_VERSION = 1;
export const SURGE_DRILL_KEY_FORMAT_VERSION = 1;

export const surgeChannelSchema = z.enum(['999', '101']).meta({ description: 'How the call reaches the control room.' });

export const surgeCallStatusSchema = z
  .enum(['ringing', 'waiting', 'abandoned'])
  .meta({ description: 'ringing: a call being offered now; waiting: queued; abandoned: the caller rang off before it was answered.' });

export const surgeCallSchema = z.strictObject({
  id: slugSchema,
  channel: surgeChannelSchema,
  callerNumber: z.string().min(1).meta({ description: 'CLI shown on the wallboard; use an Ofcom drama number (07700 900xxx, 01632 960xxx).' }),
  status: surgeCallStatusSchema,
  waitingSeconds: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600)
    .meta({ description: 'How long the call has rung or waited (or, if abandoned, since it was abandoned) when the drill starts.' }),
  knownBeforeAnswer: z
    .array(z.string().min(1))
    .meta({ description: 'What the wallboard and force systems show before the call is taken: location feed, 101 menu choice, history for the number, warning markers.' }),
  title: z.string().min(1).meta({ description: 'What the call turns out to be, in a few words; shown once it is taken and in the debrief.' }),
  onAnswer: z.string().min(1).meta({ description: 'What the trainee learns on taking the call (or calling it back): a short summary of what the caller says.' }),
  interimRisk: z.string().min(1).optional().meta({ description: 'The risk to manage until help arrives, shown with what the caller says.' }),
});

export const surgeDrillSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'Path to the published JSON Schema, for editors.' }),
    formatVersion: z.literal(SURGE_DRILL_FORMAT_VERSION),
    id: slugSchema,
    version: z.number().int().min(1).meta({ description: 'Bump when the calls change; the answer key names the version it was written for.' }),
    title: z.string().min(1),
    summary: z.string().min(1).meta({ description: 'Shown in the list of drills; must not give the order away.' }),
    difficulty: difficultySchema,
    briefing: z.string().min(1).meta({ description: 'What the trainee reads before the queue appears.' }),
    contentWarnings: z.array(z.string().min(1)).meta({ description: 'Sensitive content the trainee can choose to avoid (empty if none).' }),
    calls: z.array(surgeCallSchema).min(2),
  })
  .superRefine((drill, ctx) => {
    const seen = new Set<string>();
    drill.calls.forEach((call, index) => {
      if (seen.has(call.id)) ctx.addIssue({ code: 'custom', path: ['calls', index, 'id'], message: `duplicate call id "${call.id}"` });
      seen.add(call.id);
    });
  });

const placedCall = z.strictObject({ callId: slugSchema, reason: z.string().min(1) });

export const surgeMissRuleSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({ kind: z.literal('handledAfter'), callId: slugSchema, position: z.number().int().min(1) })
    .meta({ description: 'Missed when the call is handled later than this place (1 = first), or never.' }),
  z.strictObject({ kind: z.literal('notCalledBack'), callId: slugSchema }).meta({ description: 'Missed when this abandoned call is not called back.' }),
]);

export const surgeDrillKeySchema = z.strictObject({
  $schema: z.string().optional().meta({ description: 'Path to the published JSON Schema, for editors.' }),
  formatVersion: z.literal(SURGE_DRILL_KEY_FORMAT_VERSION),
  drillId: slugSchema,
  drillVersion: z.number().int().min(1),
  expert: z.strictObject({ name: z.string().min(1), role: z.string().min(1) }),
  order: z
    .array(placedCall)
    .min(1)
    .meta({ description: 'Every call exactly once, in the order the expert handles them (calling back an abandoned call handles it), with the reason for its place.' }),
  mustCallBack: z.array(placedCall).meta({ description: 'Abandoned calls that must be called back, and why.' }),
  criticalMisses: z.array(
    z.strictObject({
      id: slugSchema,
      description: z.string().min(1).meta({ description: 'What the trainee did, as the debrief states it.' }),
      reason: z.string().min(1).meta({ description: 'Why it is critical: the real-case lesson behind it.' }),
      rule: surgeMissRuleSchema,
    }),
  ),
  teachingPoints: z.array(z.strictObject({ text: z.string().min(1), reference: z.string().min(1) })).min(1),
});

export type SurgeCallStatus = z.infer<typeof surgeCallStatusSchema>;
export type SurgeCall = z.infer<typeof surgeCallSchema>;
export type SurgeDrill = z.infer<typeof surgeDrillSchema>;
export type SurgeMissRule = z.infer<typeof surgeMissRuleSchema>;
export type SurgeDrillKey = z.infer<typeof surgeDrillKeySchema>;

export const surgeDrillFormat: VersionedFormat = { name: 'call-surge drill', currentVersion: SURGE_DRILL_FORMAT_VERSION, steps: [] };
export const surgeDrillKeyFormat: VersionedFormat = {
  name: 'call-surge drill answer key',
  currentVersion: SURGE_DRILL_KEY_FORMAT_VERSION,
  steps: [],
};

/** Parses an untrusted drill file; throws FormatError naming the file, field and reason. */
export function parseSurgeDrill(input: unknown, file: string): SurgeDrill {
  return parseVersionedFile(surgeDrillFormat, surgeDrillSchema, input, file);
}

/** Parses an untrusted drill answer key; throws FormatError naming the file, field and reason. */
export function parseSurgeDrillKey(input: unknown, file: string): SurgeDrillKey {
  return parseVersionedFile(surgeDrillKeyFormat, surgeDrillKeySchema, input, file);
}

/**
 * What the trainee did in a drill (the surge screen's output): the calls in the order they were
 * handled (taken, called back, or closed without a call-back), the abandoned calls they called
 * back, and how long it took.
 */
export const surgeDrillResponseSchema = z.strictObject({
  order: z.array(slugSchema),
  calledBack: z.array(slugSchema),
  timings: z.strictObject({
    firstAnswerMs: z.number().min(0).nullable().meta({ description: 'From the queue appearing to the first call taken; null if none was.' }),
    totalMs: z.number().min(0),
  }),
});

export type SurgeDrillResponse = z.infer<typeof surgeDrillResponseSchema>;
