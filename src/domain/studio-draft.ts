import type { ForcePolicy } from './force-policy-schema';
import type { Problem } from './problem';
import { checkScenarioPackage, type ScenarioPackageResult } from './scenario-check';
import type { Clip } from './scenario-schema';

/** One encoding of a clip's audio. */
export type AudioSource = NonNullable<Clip['audio']>['sources'][number];

/** The file names a draft's problems carry, as `npm run scenarios:check` names them in a scenario folder. */
export const DRAFT_SCENARIO_FILE = 'scenario.json';
export const DRAFT_ANSWER_KEY_FILE = 'answer-key.json';

/** The file extension for each audio type the scenario format allows. */
export const AUDIO_EXTENSION: Record<AudioSource['type'], string> = {
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
};

/**
 * Where a clip's audio sits: `audio/<scenario-id>/<clip-id>.<ext>` in a draft, and
 * `audio/<scenario-id>/<clip-id>-v<version>.<ext>` once published, so each version's audio has
 * its own name (a player caching by name never plays version 1's recording for version 2).
 */
export function clipAudioSrc(scenarioId: string, clipId: string, type: AudioSource['type'], version?: number): string {
  return `audio/${scenarioId}/${clipId}${version === undefined ? '' : `-v${version}`}.${AUDIO_EXTENSION[type]}`;
}

/** What a draft holds besides its JSON: which clips have audio, and of what type. */
export interface DraftAudio {
  readonly [clipId: string]: { readonly type: AudioSource['type'] };
}

/**
 * Checks a draft exactly as `npm run scenarios:check` checks a scenario folder (the same
 * `checkScenarioPackage`: schemas, call graph, captions, cues, the expert answer scoring full
 * marks), with its audio present where the draft holds audio for that clip; and refuses an id
 * that a library scenario already uses. Problems name `scenario.json` or `answer-key.json`
 * and a JSON path, ready to be shown at their field.
 */
export function checkDraft(
  draft: { readonly scenario: unknown; readonly answerKey: unknown; readonly audio: DraftAudio },
  policies: ReadonlyMap<string, ForcePolicy>,
  reservedIds: ReadonlySet<string>,
): ScenarioPackageResult {
  const scenarioId = typeof draft.scenario === 'object' && draft.scenario !== null && 'id' in draft.scenario ? String(draft.scenario.id) : '';
  const present = new Set(Object.entries(draft.audio).map(([clipId, audio]) => clipAudioSrc(scenarioId, clipId, audio.type)));
  const result = checkScenarioPackage({
    scenarioFile: DRAFT_SCENARIO_FILE,
    scenario: draft.scenario,
    answerKeyFile: DRAFT_ANSWER_KEY_FILE,
    answerKey: draft.answerKey,
    policies,
    audioExists: (src) => present.has(src),
  });
  if (!reservedIds.has(scenarioId)) return result;
  const clash: Problem = { file: DRAFT_SCENARIO_FILE, path: '$.id', message: `a library scenario already uses the id "${scenarioId}": choose another` };
  return { ...result, problems: [clash, ...result.problems] };
}
