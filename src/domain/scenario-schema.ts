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

/**
 * What kind of contact the scenario is. `voice-call` (the default when absent) plays audio clips;
 * the others are text conversations: the caller's turns arrive as messages over time (each clip
 * is a `medium: "text"` clip whose captions are the messages' arrival times) and the trainee's
 * replies are the question options.
 */
export const contactKinds = ['voice-call', 'emergency-sms', 'online-report', 'social-media-message'] as const;
export const contactKindSchema = z.enum(contactKinds);
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
  medium: z
    .enum(['audio', 'text'])
    .optional()
    .meta({
      description:
        'audio (default): heard, needs rendered audio. text: messages shown on screen; no audio, each caption\'s start is when that message arrives (seconds from the clip start) and the last caption\'s end when the clip is over.',
    }),
  transcript: z.array(transcriptLineSchema).min(1),
  audio: z
    .strictObject({ sources: z.array(audioSourceSchema).min(1), durationSeconds: secondsSchema.positive() })
    .optional()
    .meta({ description: 'Absent until the clip is rendered, recorded or imported.' }),
  captions: z.array(captionSchema),
  provenance: provenanceSchema.optional(),
});

/** A practice-mode coaching hint: what a mentor beside the trainee would say. */
export const coachingSchema = z.string().min(1).max(600);

export const callNodeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ id: slugSchema, kind: z.literal('callerSpeech'), clip: slugSchema, next: slugSchema }),
  z.strictObject({
    id: slugSchema,
    kind: z.literal('questionChoice'),
    prompt: z.string().min(1).meta({ description: 'What the trainee is deciding, e.g. "What do you ask next?"' }),
    options: z
      .array(
        z.strictObject({
          id: slugSchema,
          text: z.string().min(1),
          next: slugSchema,
          coaching: coachingSchema
            .optional()
            .meta({ description: 'Practice mode only: shown after the trainee chooses this option. Never shown in assessment mode.' }),
        }),
      )
      .min(2, 'a question choice needs at least two options'),
    coaching: coachingSchema
      .optional()
      .meta({ description: 'Practice mode only: a hint shown with the decision, before the trainee chooses.' }),
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

/**
 * The moment something becomes true in a call, whatever path the trainee takes: after a caller
 * clip has been heard to its end, or a number of seconds after answering.
 */
export const callMomentSchema = z.union([
  z.strictObject({ afterClip: slugSchema.meta({ description: 'When this clip has finished playing.' }) }),
  z.strictObject({ atSeconds: secondsSchema.meta({ description: 'Seconds after the call is answered.' }) }),
]);

/** What the trainee can run a systems check on. */
export const systemsSubjectKinds = ['phone-number', 'address', 'person', 'vehicle'] as const;
/** The force systems a check can search (local incident history, warning markers, PNC-style orders, missing-person records). */
export const systemsDatabases = ['incident-history', 'warning-markers', 'orders-and-bail', 'missing-person-history', 'vehicle-records'] as const;
export const systemsDatabaseSchema = z.enum(systemsDatabases);
/** Warning markers the simulated systems can hold, shown as an icon plus an upper-case label. */
export const warningMarkers = [
  'domestic-abuse-high-risk',
  'domestic-abuse',
  'stalking',
  'weapons',
  'violence',
  'self-harm',
  'suicide-risk',
  'mental-health',
  'vulnerable-adult',
  'vulnerable-child',
  'hate-crime-victim',
  'repeat-victim',
  'dementia-herbert-protocol',
  'missing-person',
] as const;
export const warningMarkerSchema = z.enum(warningMarkers);

export const systemsSubjectSchema = z.strictObject({
  id: slugSchema,
  kind: z.enum(systemsSubjectKinds),
  label: z.string().min(1).meta({ description: 'How the check screen names it, e.g. "Caller\'s number 07700 900123" or "Darren Pike (ex-partner)".' }),
  knownFrom: callMomentSchema
    .optional()
    .meta({ description: 'When the trainee can first search it (e.g. after the caller names the suspect). Absent: from answering (the CLI, the EISEC address).' }),
});

export const systemsRecordSchema = z.strictObject({
  kind: z.enum(['previous-incident', 'warning-marker', 'court-order', 'bail-condition', 'missing-episode', 'vehicle-keeper', 'intelligence']),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD').optional(),
  marker: warningMarkerSchema.optional().meta({ description: 'For warning-marker records: which marker.' }),
  reference: z.string().min(1).optional().meta({ description: 'Log or order reference, e.g. "Log 0212 of 03/02/26".' }),
  summary: z.string().min(1),
});

export const systemsResultSchema = z.strictObject({
  subject: slugSchema,
  database: systemsDatabaseSchema,
  delaySeconds: z.number().min(0).max(120).optional().meta({ description: 'How long the result takes to come back; defaults to the scenario\'s defaultDelaySeconds.' }),
  records: z.array(systemsRecordSchema).min(1).meta({ description: 'What the search finds. A subject and database with no entry here return "no trace".' }),
});

/**
 * Simulated force systems the trainee can search during the call: every subject can be searched
 * in every database; a pair with no `results` entry returns "no trace" after the default delay,
 * so the list of checks never gives away which ones matter.
 */
export const systemsRecordsSchema = z.strictObject({
  defaultDelaySeconds: z.number().min(0).max(120).meta({ description: 'Seconds a check takes when its result sets no delay (a realistic 3 to 8).' }),
  subjects: z.array(systemsSubjectSchema).min(1),
  results: z.array(systemsResultSchema),
});

/**
 * News that reaches the call handler mid-call from somewhere other than the caller's line: a
 * second call, an ambulance or officer update, a system alert. Shown as text (with optional audio)
 * at its moment; the answer key may require a re-grade after it.
 */
export const callUpdateSchema = z.strictObject({
  id: slugSchema,
  kind: z.enum(['second-call', 'ambulance-update', 'officer-update', 'system-alert', 'supervisor-message']),
  from: z.string().min(1).meta({ description: 'Who it comes from, e.g. "Ambulance control" or "Second 999 call (neighbour)".' }),
  text: z.string().min(1),
  audio: z
    .strictObject({ sources: z.array(audioSourceSchema).min(1), durationSeconds: secondsSchema.positive() })
    .optional(),
  at: callMomentSchema,
});

/** A picture or short clip the caller shares (as with live-video apps), with its description for screen readers. */
export const sharedMediaSchema = z.strictObject({
  id: slugSchema,
  kind: z.enum(['image', 'video']),
  src: z
    .string()
    .regex(/^media\/[a-z0-9-]+\/[A-Za-z0-9._-]+\.(jpg|jpeg|png|webp|webm|mp4)$/, 'media lives under assets/: "media/<scenario-id>/<file>.jpg|png|webp|webm|mp4"'),
  alt: z.string().min(1).meta({ description: 'Text alternative: what the picture or clip shows, in neutral words.' }),
  at: callMomentSchema.optional().meta({ description: 'When the caller shares it; absent: from the start.' }),
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
    contactKind: contactKindSchema.optional().meta({ description: 'voice-call when absent.' }),
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
  systems: systemsRecordsSchema.optional().meta({ description: 'Simulated force records the trainee can search during the call.' }),
  updates: z.array(callUpdateSchema).optional().meta({ description: 'Mid-call news that is not the caller\'s line (second call, ambulance update, alert).' }),
  sharedMedia: z.array(sharedMediaSchema).optional().meta({ description: 'Pictures or clips the caller shares.' }),
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
export type ContactKind = z.infer<typeof contactKindSchema>;
export type CallMoment = z.infer<typeof callMomentSchema>;
export type SystemsRecords = z.infer<typeof systemsRecordsSchema>;
export type SystemsSubject = z.infer<typeof systemsSubjectSchema>;
export type SystemsDatabase = z.infer<typeof systemsDatabaseSchema>;
export type SystemsRecord = z.infer<typeof systemsRecordSchema>;
export type SystemsResult = z.infer<typeof systemsResultSchema>;
export type CallUpdate = z.infer<typeof callUpdateSchema>;
export type SharedMedia = z.infer<typeof sharedMediaSchema>;
export type WarningMarker = z.infer<typeof warningMarkerSchema>;

/** The contact kind of a scenario; `voice-call` when it does not say. */
export function contactKindOf(scenario: Scenario): ContactKind {
  return scenario.metadata.contactKind ?? 'voice-call';
}

/** True for a clip shown as text messages rather than played as audio. */
export function isTextClip(clip: Clip): boolean {
  return clip.medium === 'text';
}

/** Check ids are "<database>:<subject>", one per pair the trainee can search. */
export function systemsCheckId(database: SystemsDatabase, subject: string): string {
  return `${database}:${subject}`;
}

/**
 * What a systems check on `subject` in `database` returns, and after how long: the scenario's
 * records, or "no trace" (empty records) after the default delay. Undefined when the scenario has
 * no systems or no such subject.
 */
export function systemsCheckResult(
  scenario: Scenario,
  database: SystemsDatabase,
  subject: string,
): { readonly delaySeconds: number; readonly records: readonly SystemsRecord[] } | undefined {
  const systems = scenario.systems;
  if (!systems || !systems.subjects.some((s) => s.id === subject)) return undefined;
  const result = systems.results.find((r) => r.database === database && r.subject === subject);
  return { delaySeconds: result?.delaySeconds ?? systems.defaultDelaySeconds, records: result?.records ?? [] };
}

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
