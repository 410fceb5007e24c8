import { CAPTION_END_TOLERANCE_SECONDS } from '../../domain/scenario-check';
import type { Caption, Speaker, TranscriptLine } from '../../domain/scenario-schema';

/** Gaps the pipeline puts in when a line does not set `pauseBefore`. */
export interface TimelineDefaults {
  /** Silence before the first line (the line opening). */
  readonly leadIn: number;
  /** Silence between one line and the next. */
  readonly gap: number;
  /** Silence after the last sound ends (kept under 0.3 s so the last caption ends with the audio). */
  readonly tail: number;
}

/** Lead-in 0.3 s, gap 0.35 s, tail 0.2 s. */
export const defaultTimeline: TimelineDefaults = { leadIn: 0.3, gap: 0.35, tail: 0.2 };

/** One rendered segment as the timeline needs it: its measured length and how it is placed. */
export interface TimelineItem {
  /** Measured length of the rendered segment in seconds (soxi -D). */
  readonly durationSeconds: number;
  readonly pauseBefore?: number | undefined;
  /** Sounds only: start with the previous line (plus pauseBefore) instead of after it. */
  readonly underPrevious?: boolean | undefined;
}

/**
 * Where a segment's audio sits in the clip and when its caption shows, in seconds rounded to
 * milliseconds. The two differ only for a sound mixed under the previous line (see
 * {@link layoutTimeline}).
 */
export interface PlacedSegment {
  readonly line: number;
  /** Where the segment's audio starts (its leading silence pad). */
  readonly audioStart: number;
  readonly audioEnd: number;
  readonly captionStart: number;
  readonly captionEnd: number;
}

/** The placed segments and the clip's planned length. */
export interface Timeline {
  readonly segments: readonly PlacedSegment[];
  /** Latest audio or caption end plus the tail. */
  readonly totalSeconds: number;
}

/** Shortest time a caption for a sound under the previous line stays up after that line's caption. */
export const MIN_UNDER_CAPTION_SECONDS = 0.6;

/** Rounds seconds to 3 decimals (milliseconds), the precision captions are written at. */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/**
 * Places segments one after another: each starts `pauseBefore` (default: lead-in for the first,
 * gap for the others) after the previous caption ends, and its caption spans its audio.
 *
 * A sound marked `underPrevious` is mixed under the previous segment: its audio starts
 * `pauseBefore` (default 0) after that segment's audio starts. Captions may not overlap
 * (scenarios:check), so its caption can only start when the previous caption ends; to keep the
 * sound audible while its caption shows, a sound that would stop before then is started later, so
 * that it runs on past the previous segment by {@link MIN_UNDER_CAPTION_SECONDS} (or by half its
 * length, if shorter). Its caption lasts from the previous caption's end until the sound ends, at
 * least {@link MIN_UNDER_CAPTION_SECONDS}; the next line follows that caption. On the first line
 * `underPrevious` has nothing to go under and is ignored. Starts are rounded to milliseconds
 * before use, so the audio is placed exactly where the captions say.
 */
export function layoutTimeline(items: readonly TimelineItem[], defaults: TimelineDefaults = defaultTimeline): Timeline {
  const segments: PlacedSegment[] = [];
  let cursor = 0;
  let latestEnd = 0;
  items.forEach((item, line) => {
    if (!(item.durationSeconds > 0)) throw new Error(`line ${line} has no measured duration`);
    const previous = segments[line - 1];
    let placed: PlacedSegment;
    if (item.underPrevious && previous) {
      const overhang = Math.min(MIN_UNDER_CAPTION_SECONDS, item.durationSeconds / 2);
      const audioStart = roundSeconds(
        Math.max(previous.audioStart + (item.pauseBefore ?? 0), previous.audioEnd + overhang - item.durationSeconds),
      );
      const audioEnd = roundSeconds(audioStart + item.durationSeconds);
      const captionStart = Math.max(audioStart, previous.captionEnd);
      const captionEnd = roundSeconds(Math.max(audioEnd, captionStart + MIN_UNDER_CAPTION_SECONDS));
      placed = { line, audioStart, audioEnd, captionStart, captionEnd };
    } else {
      const audioStart = roundSeconds(cursor + (item.pauseBefore ?? (line === 0 ? defaults.leadIn : defaults.gap)));
      const audioEnd = roundSeconds(audioStart + item.durationSeconds);
      placed = { line, audioStart, audioEnd, captionStart: audioStart, captionEnd: audioEnd };
    }
    segments.push(placed);
    cursor = placed.captionEnd;
    latestEnd = Math.max(latestEnd, placed.audioEnd, placed.captionEnd);
  });
  return { segments, totalSeconds: roundSeconds(latestEnd + defaults.tail) };
}

/**
 * One caption per transcript line, in line order: the speech text with the speaker's label, or a
 * sound's verbatim caption (the neutral caption stays in the transcript for assessment mode). The
 * last caption stays up through the clip's closing silence, so it ends when the audio ends (an
 * MP3's encoder padding then stays well inside the 0.3 s tolerance).
 */
export function captionsFor(transcript: readonly TranscriptLine[], timeline: Timeline, speakers: readonly Speaker[]): Caption[] {
  if (timeline.segments.length !== transcript.length) {
    throw new Error(`timeline has ${timeline.segments.length} segments for ${transcript.length} transcript lines`);
  }
  const lastIndex = transcript.length - 1;
  return transcript.map((line, index) => {
    const segment = timeline.segments[index];
    if (!segment) throw new Error(`no segment for line ${index}`);
    const end = index === lastIndex ? Math.max(segment.captionEnd, timeline.totalSeconds) : segment.captionEnd;
    if (line.kind === 'speech') {
      const speaker = speakers.find((candidate) => candidate.id === line.speaker);
      return { start: segment.captionStart, end, text: line.text, ...(speaker ? { speaker: speaker.label } : {}), line: index };
    }
    return { start: segment.captionStart, end, text: line.caption, line: index };
  });
}

/**
 * Checks captions against the clip's measured audio the way scenarios:check will: each caption
 * ends after it starts, captions are in order without overlapping, none runs past the audio, and
 * the last ends within {@link CAPTION_END_TOLERANCE_SECONDS} of the audio's end. Returns what is
 * wrong, or [].
 */
export function checkCaptionsAgainstAudio(captions: readonly Caption[], audioSeconds: number): string[] {
  const problems: string[] = [];
  let previousEnd = 0;
  for (const caption of captions) {
    if (caption.end <= caption.start) problems.push(`caption for line ${caption.line} does not end after it starts`);
    if (caption.start < previousEnd - 1e-6) problems.push(`caption for line ${caption.line} overlaps the one before`);
    if (caption.end > audioSeconds + 0.001) problems.push(`caption for line ${caption.line} ends at ${caption.end} s, after the audio (${audioSeconds} s)`);
    previousEnd = caption.end;
  }
  const last = captions[captions.length - 1];
  if (last && Math.abs(audioSeconds - last.end) > CAPTION_END_TOLERANCE_SECONDS) {
    problems.push(`the last caption ends at ${last.end} s, more than ${CAPTION_END_TOLERANCE_SECONDS} s from the end of the audio (${audioSeconds} s)`);
  }
  return problems;
}
