import { z } from 'zod';
import { parseVersionedFile, type VersionedFormat } from './format-version';
import { mapPointSchema } from './map-geometry';

/**
 * Scenario format v1: what the trainee hears and can ask. It holds no answers: the expert's
 * judgement lives in a separate answer key, loaded only when the attempt is scored.
 */
export const SCENARIO_FORMAT_VERSION = 1;

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens, e.g. "dv-whispered-999"');

/** Seconds from the start of a clip's audio. */
export const secondsSchema = z.number().min(0).max(3600);

export const incidentTypes = [
  'domestic-abuse',
  'concern-for-welfare',
  'mental-health',
  'missing-person',
  'road-traffic-collision',
  'burglary',
  'assault',
  'stalking-harassment',
  'sexual-offence',
  'child-protection',
  'fraud',
  'anti-social-behaviour',
  'hate-incident',
  'weapons',
  'suspicious-circumstances',
  'other',
] as const;
export const incidentTypeSchema = z.enum(incidentTypes);

export const channelSchema = z.enum(['999', '101']).meta({ description: 'How the contact reaches the control room.' });
export const difficultySchema = z.enum(['recruit', 'experienced', 'expert']);

/** Sounds the voice pipeline can make here (sox and synthesis; nothing downloaded). */
export const soundIds = ['door-banging', 'child-crying', 'glass-breaking', 'muffled-shouting', 'television', 'traffic', 'silence'] as const;
export const soundIdSchema = z.enum(soundIds);

export const voiceSchema = z.strictObject({
  engine: z.enum(['flite', 'festival', 'espeak-ng']),
  voice: z.string().min(1).meta({ description: 'flite: rms, awb, slt, kal; festival: a voice name; espeak-ng: e.g. gmw/en+f3 or en-gb-x-rp+f3.' }),
  rate: z.number().min(0.5).max(2).optional().meta({ description: '1 is normal speed; above 1 is faster.' }),
  pitchHz: z.number().min(50).max(400).optional(),
});

export const speakerSchema = z.strictObject({
  id: slugSchema,
  label: z.string().min(1).meta({ description: 'Shown in captions, e.g. "Caller" or "Man in background".' }),
  role: z.enum(['caller', 'background']),
  description: z.string().optional(),
  voice: voiceSchema,
});

export const deliverySchema = z.strictObject({
  rate: z.number().min(0.5).max(2).optional(),
  pitchHz: z.number().min(50).max(400).optional(),
  volume: z.number().min(0.05).max(2).optional(),
  whisper: z.boolean().optional(),
});

export const transcriptLineSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('speech'),
    speaker: slugSchema,
    text: z.string().min(1),
    delivery: deliverySchema.optional(),
    pauseBefore: secondsSchema.max(10).optional(),
  }),
  z.strictObject({
    kind: z.literal('sound'),
    sound: soundIdSchema,
    caption: z.string().min(1).meta({ description: 'Verbatim caption, e.g. "[child crying]".' }),
    neutralCaption: z.string().min(1).optional().meta({ description: 'Caption that does not give the answer away, for assessment mode; defaults to "[background noise]".' }),
    durationSeconds: secondsSchema.positive().max(20),
    pauseBefore: secondsSchema.max(10).optional(),
    underPrevious: z.boolean().optional().meta({ description: 'Mix under the previous line instead of after it.' }),
  }),
]);

export const captionSchema = z.strictObject({
  start: secondsSchema,
  end: secondsSchema,
  text: z.string().min(1),
  speaker: z.string().optional(),
  line: z.number().int().min(0).meta({ description: 'Index of the transcript line this caption shows.' }),
});

export const audioSourceSchema = z.strictObject({
  src: z
    .string()
    .regex(/^audio\/[a-z0-9-]+\/[A-Za-z0-9._-]+\.(webm|ogg|mp3|m4a)$/, 'audio lives under assets/: "audio/<scenario-id>/<file>.webm|ogg|mp3|m4a"'),
  type: z.enum(['audio/webm', 'audio/ogg', 'audio/mpeg', 'audio/mp4']),
});

export const provenanceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('synthesised'),
    tool: z.string().min(1),
    engines: z.array(z.string().min(1)).min(1),
    filters: z.string().min(1).meta({ description: 'The telephone and noise processing applied.' }),
  }),
  z.strictObject({ kind: z.literal('recorded'), by: z.string().min(1), recordedOn: z.string().min(1), consent: z.string().optional() }),
  z.strictObject({ kind: z.literal('imported'), source: z.string().min(1), by: z.string().min(1), licence: z.string().optional() }),
]);

export const clipSchema = z.strictObject({
  id: slugSchema,
  transcript: z.array(transcriptLineSchema).min(1),
  audio: z
    .strictObject({ sources: z.array(audioSourceSchema).min(1), durationSeconds: secondsSchema.positive() })
    .optional()
    .meta({ description: 'Absent until the clip is rendered, recorded or imported.' }),
  captions: z.array(captionSchema),
  provenance: provenanceSchema.optional(),
});

export const callNodeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ id: slugSchema, kind: z.literal('callerSpeech'), clip: slugSchema, next: slugSchema }),
  z.strictObject({
    id: slugSchema,
    kind: z.literal('questionChoice'),
    prompt: z.string().min(1).meta({ description: 'What the trainee is deciding, e.g. "What do you ask next?"' }),
    options: z
      .array(z.strictObject({ id: slugSchema, text: z.string().min(1), next: slugSchema }))
      .min(2, 'a question choice needs at least two options'),
  }),
  z.strictObject({
    id: slugSchema,
    kind: z.literal('end'),
    outcome: z.enum(['caller-disconnected', 'line-dropped', 'call-completed']),
    summary: z.string().min(1).meta({ description: 'What the trainee is told when the call ends.' }),
  }),
]);

/**
 * What the control room's systems know of where the caller is before anyone speaks, drawn on the
 * map as a circle: a mobile cell (hundreds of metres to kilometres, not centred on the caller), a
 * handset fix (tens of metres), or the address a landline is registered to.
 */
export const locationAreaKinds = ['mobile-cell', 'handset-fix', 'landline-address'] as const;
export const locationAreaSchema = z.strictObject({
  kind: z.enum(locationAreaKinds),
  centre: mapPointSchema.meta({ description: 'Metres east and north of the county\u2019s south-west corner.' }),
  radiusMetres: z.number().positive().meta({ description: 'How far from the centre the caller may be.' }),
  label: z.string().min(1).meta({ description: 'What the location panel says, e.g. "Mobile: cell radius 800 m".' }),
});

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional().meta({ description: 'Path to the published JSON Schema, for editors.' }),
  formatVersion: z.literal(SCENARIO_FORMAT_VERSION),
  id: slugSchema,
  version: z.number().int().min(1).meta({ description: 'Content version: attempts stay tied to the version they used.' }),
  forcePolicy: slugSchema.meta({ description: 'Id of the force policy whose grades and THRIVE+ scale the key uses.' }),
  metadata: z.strictObject({
    title: z.string().min(1).max(120),
    summary: z.string().min(1).max(400).meta({ description: 'Shown in the library; must not give the answer away.' }),
    incidentType: incidentTypeSchema,
    channel: channelSchema,
    difficulty: difficultySchema,
    estimatedMinutes: z.number().positive().max(60),
    learningObjectives: z.array(z.string().min(1)).min(1),
    contentWarnings: z.array(z.string().min(1)),
  }),
  callContext: z.strictObject({
    callerNumber: z.string().min(1).meta({ description: 'CLI shown when the call rings.' }),
    locationFeed: z.string().min(1).optional().meta({ description: 'What the system shows of the location before the caller speaks (EISEC address, cell).' }),
    locationArea: locationAreaSchema
      .optional()
      .meta({ description: 'The same location feed as an area on the county map (cell, handset fix or landline address). Needed when the answer key has a location.' }),
    timeOfDay: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:MM').optional(),
    systemInformation: z
      .array(z.string().min(1))
      .optional()
      .meta({ description: 'What force systems show as the call connects: history at the number or address, warning markers. Shown to the trainee.' }),
  }),
  speakers: z.array(speakerSchema).min(1),
  clips: z.array(clipSchema).min(1),
  callGraph: z.strictObject({ start: slugSchema, nodes: z.array(callNodeSchema).min(2) }),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type Clip = z.infer<typeof clipSchema>;
export type Caption = z.infer<typeof captionSchema>;
export type TranscriptLine = z.infer<typeof transcriptLineSchema>;
export type CallNode = z.infer<typeof callNodeSchema>;
export type QuestionChoiceNode = Extract<CallNode, { kind: 'questionChoice' }>;
export type QuestionOption = QuestionChoiceNode['options'][number];
export type Speaker = z.infer<typeof speakerSchema>;
export type IncidentType = z.infer<typeof incidentTypeSchema>;
export type Difficulty = z.infer<typeof difficultySchema>;
export type SoundId = z.infer<typeof soundIdSchema>;
export type LocationArea = z.infer<typeof locationAreaSchema>;
export type LocationAreaKind = LocationArea['kind'];

export const scenarioFormat: VersionedFormat = { name: 'scenario', currentVersion: SCENARIO_FORMAT_VERSION, steps: [] };

/** Parses an untrusted scenario file; throws FormatError naming the file, field and reason. */
export function parseScenario(input: unknown, file: string): Scenario {
  return parseVersionedFile(scenarioFormat, scenarioSchema, input, file);
}

export function findNode(scenario: Scenario, nodeId: string): CallNode | undefined {
  return scenario.callGraph.nodes.find((node) => node.id === nodeId);
}

export function findClip(scenario: Scenario, clipId: string): Clip | undefined {
  return scenario.clips.find((clip) => clip.id === clipId);
}
