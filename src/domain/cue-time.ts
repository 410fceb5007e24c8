import type { Cue } from './answer-key-schema';
import type { Caption, Scenario } from './scenario-schema';

/**
 * Seconds into the cue's clip at which the cue is heard, from the clip's caption timings; null
 * when the clip or its caption for that line does not exist (scenarios:check reports that).
 */
export function cueTime(scenario: Scenario, cue: Cue): number | null {
  const clip = scenario.clips.find((c) => c.id === cue.clip);
  const caption = clip?.captions.find((c) => c.line === cue.line);
  if (!caption) return null;
  return Math.min(caption.start + (cue.offset ?? 0), caption.end);
}

/** The caption showing at `seconds` into a clip, if any. */
export function captionAt(captions: readonly Caption[], seconds: number): Caption | undefined {
  return captions.find((caption) => seconds >= caption.start && seconds < caption.end);
}
