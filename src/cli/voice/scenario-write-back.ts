import type { Caption, Clip } from '../../domain/scenario-schema';
import { encodedFormats } from './encode-commands';

/** What the pipeline writes into one clip of scenario.json. */
export interface RenderedClip {
  readonly clipId: string;
  readonly audio: NonNullable<Clip['audio']>;
  readonly captions: readonly Caption[];
  readonly provenance: Extract<NonNullable<Clip['provenance']>, { kind: 'synthesised' }>;
}

/** `provenance.tool` of every clip this pipeline renders. */
export const PIPELINE_TOOL = 'npm run voice (call-trainer voice pipeline)';

/** Which optional treatments a clip used, for its provenance. */
export interface FilterUse {
  /** flite or festival lines whispered by sox (noise-excited). */
  readonly soxWhisper: boolean;
  /** Background speakers given a little room reverberation. */
  readonly backgroundRoom: boolean;
}

/** `provenance.filters`: the telephone chain and noise bed (and any per-line treatment), in one line. */
export function filtersDescription(soxVersion: string | undefined, use: FilterUse = { soxWhisper: false, backgroundRoom: false }): string {
  const treatments = [
    ...(use.soxWhisper ? ['whispers re-excited with 150 Hz low-passed noise by sox -T'] : []),
    ...(use.backgroundRoom ? ['background speakers in light room reverb'] : []),
  ];
  return (
    `sox${soxVersion ? ` ${soxVersion}` : ''} -R: per segment silence trim, speech levelled in band, 10 ms fades` +
    (treatments.length > 0 ? ` (${treatments.join('; ')})` : '') +
    ', then compand, 8 kHz, sinc 300-3400 Hz band-pass, peak -2 dBFS, pink+brown line-noise bed at -40 dBFS RMS; ' +
    'ffmpeg bitexact: Opus 24 kb/s voip WebM and MP3 32 kb/s 16 kHz, mono'
  );
}

/** The clip's published files, relative to assets/: WebM (Opus) first, then MP3. */
export function audioSources(scenarioId: string, clipId: string): RenderedClip['audio']['sources'] {
  return encodedFormats.map((format) => ({ src: `audio/${scenarioId}/${clipId}.${format.extension}`, type: format.mimeType }));
}

/** Where each key of a clip goes when it is added, following the format's own order. */
export const clipKeyOrder = ['id', 'transcript', 'audio', 'captions', 'provenance'] as const;

/**
 * Sets keys on a JSON object without disturbing the order of the ones already there: existing keys
 * keep their place (with new values); a missing key is put before the first existing key that comes
 * after it in `canonicalOrder`, or at the end.
 */
export function setKeysInPlace(
  target: Readonly<Record<string, unknown>>,
  updates: Readonly<Record<string, unknown>>,
  canonicalOrder: readonly string[],
): Record<string, unknown> {
  const entries: Array<[string, unknown]> = Object.entries(target).map(([key, value]) => [key, key in updates ? updates[key] : value]);
  const rank = (key: string): number => canonicalOrder.indexOf(key);
  for (const [key, value] of Object.entries(updates)) {
    if (key in target) continue;
    const ownRank = rank(key);
    const before = entries.findIndex(([existing]) => rank(existing) > ownRank && ownRank !== -1);
    if (before === -1) entries.push([key, value]);
    else entries.splice(before, 0, [key, value]);
  }
  return Object.fromEntries(entries);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Returns a copy of a scenario document (as read from JSON, not as parsed, so nothing is dropped or
 * reordered) with each rendered clip's `audio`, `captions` and `provenance` written in. Throws when
 * a rendered clip is not in the document.
 */
export function writeBackClips(document: Readonly<Record<string, unknown>>, rendered: readonly RenderedClip[]): Record<string, unknown> {
  const clips = document.clips;
  if (!Array.isArray(clips)) throw new Error('the scenario has no clips array');
  const byId = new Map(rendered.map((clip) => [clip.clipId, clip]));
  const seen = new Set<string>();
  const updated = clips.map((clip: unknown) => {
    if (!isRecord(clip) || typeof clip.id !== 'string') return clip;
    const result = byId.get(clip.id);
    if (!result) return clip;
    seen.add(clip.id);
    return setKeysInPlace(clip, { audio: result.audio, captions: result.captions, provenance: result.provenance }, clipKeyOrder);
  });
  const missing = rendered.filter((clip) => !seen.has(clip.clipId)).map((clip) => clip.clipId);
  if (missing.length > 0) throw new Error(`no clip with id ${missing.map((id) => `"${id}"`).join(', ')} in the scenario`);
  return setKeysInPlace(document, { clips: updated }, []);
}

/** scenario.json as the repository keeps it: 2-space indented JSON with a trailing newline. */
export function serialiseScenario(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
