import { z } from 'zod';
import { answerKeySchema } from '../domain/answer-key-schema';
import { audioSourceSchema, scenarioSchema, slugSchema } from '../domain/scenario-schema';
import { isoTimestampSchema } from './timestamp-schema';

/**
 * The trainer studio's records (Dexie tables `scenarioDrafts`, `authoredScenarios` and
 * `authoredMedia`, from database version 5).
 *
 * A draft is work in progress: its scenario and answer key are any JSON (the studio shows every
 * problem the checks of `npm run scenarios:check` find, field by field), and its clips' audio
 * travels with it. A published version is a scenario and key that passed every check, frozen:
 * publishing again writes a new version beside it.
 */
export const STUDIO_RECORD_VERSION = 1;

const recordVersion = z.literal(STUDIO_RECORD_VERSION, {
  error: (issue) =>
    typeof issue.input === 'number' && issue.input > STUDIO_RECORD_VERSION
      ? `this record was saved by a newer version of call-trainer (record version ${issue.input}; this version reads ${STUDIO_RECORD_VERSION})`
      : `expected record version ${STUDIO_RECORD_VERSION}`,
});

/** The largest audio file the studio keeps for one clip (a few minutes of compressed speech). */
export const MAX_CLIP_AUDIO_BYTES = 10 * 1024 * 1024;

const audioBytesSchema = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected the audio as bytes')
  .refine((bytes) => bytes.byteLength > 0 && bytes.byteLength <= MAX_CLIP_AUDIO_BYTES, `audio must be 1 byte to ${MAX_CLIP_AUDIO_BYTES / (1024 * 1024)} MB`);

/** A clip's audio in a draft: compressed bytes, their type, and where they came from. */
export const draftClipAudioSchema = z.strictObject({
  type: audioSourceSchema.shape.type,
  bytes: audioBytesSchema,
  durationSeconds: z.number().positive().max(3600),
  origin: z.enum(['imported', 'recorded']),
  /** The file name an imported clip came from, or "microphone". */
  from: z.string().min(1).max(300),
  telephoneFilter: z.boolean(),
  noiseBed: z.boolean(),
});

export const scenarioDraftRecordSchema = z.strictObject({
  recordVersion,
  /** `crypto.randomUUID()`, made when the draft is started. */
  id: z.uuid(),
  /** The scenario as the trainer has it so far (checked by the studio, not here). */
  scenario: z.json(),
  /** The answer key as the trainer has it so far. */
  answerKey: z.json(),
  /** Audio per clip id. */
  clipAudio: z.record(slugSchema, draftClipAudioSchema),
  startedFrom: z.string().min(1).max(200).meta({ description: 'The template or library scenario the draft began as, in words.' }),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
});

export const authoredScenarioRecordSchema = z
  .strictObject({
    recordVersion,
    scenarioId: slugSchema,
    version: z.number().int().min(1),
    scenario: scenarioSchema,
    answerKey: answerKeySchema,
    publishedAt: isoTimestampSchema,
    /** Where it came from: published in this studio, or imported from a pack. */
    origin: z.enum(['studio', 'pack']),
  })
  .refine((row) => row.scenario.id === row.scenarioId && row.scenario.version === row.version, {
    message: 'the stored scenario does not match its key (scenarioId, version)',
    path: ['scenario'],
  })
  .refine((row) => row.answerKey.scenarioId === row.scenarioId && row.answerKey.scenarioVersion === row.version, {
    message: 'the stored answer key is not for this scenario version',
    path: ['answerKey'],
  });

/** One audio file of a published version, by the clip that plays it. */
export const authoredMediaRecordSchema = z.strictObject({
  recordVersion,
  scenarioId: slugSchema,
  version: z.number().int().min(1),
  clipId: slugSchema,
  /** The path the scenario names (`audio/<id>/<file>`): the app serves these bytes for it. */
  src: audioSourceSchema.shape.src,
  type: audioSourceSchema.shape.type,
  bytes: audioBytesSchema,
});

export type ScenarioDraftRecord = z.infer<typeof scenarioDraftRecordSchema>;
export type DraftClipAudio = z.infer<typeof draftClipAudioSchema>;
export type AuthoredScenarioRecord = z.infer<typeof authoredScenarioRecordSchema>;
export type AuthoredMediaRecord = z.infer<typeof authoredMediaRecordSchema>;
