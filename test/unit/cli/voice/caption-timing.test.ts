import { describe, expect, it } from 'vitest';
import type { Speaker, TranscriptLine } from '../../../../src/domain/scenario-schema';
import {
  captionsFor,
  checkCaptionsAgainstAudio,
  layoutTimeline,
  MIN_UNDER_CAPTION_SECONDS,
  roundSeconds,
  type TimelineItem,
} from '../../../../src/cli/voice/caption-timing';

const defaults = { leadIn: 0.3, gap: 0.35, tail: 0.2 };
type Row = [string, TimelineItem[], Array<[number, number, number, number]>, number];

describe('layoutTimeline', () => {
  it.each<Row>([
    ['one line: lead-in, then the tail', [{ durationSeconds: 1.5 }], [[0.3, 1.8, 0.3, 1.8]], 2],
    ['default gaps between lines', [{ durationSeconds: 1 }, { durationSeconds: 2 }], [[0.3, 1.3, 0.3, 1.3], [1.65, 3.65, 1.65, 3.65]], 3.85],
    ['pauseBefore replaces the gap and the lead-in', [{ durationSeconds: 1, pauseBefore: 0 }, { durationSeconds: 1, pauseBefore: 1.2 }], [[0, 1, 0, 1], [2.2, 3.2, 2.2, 3.2]], 3.4],
    ['measured durations are rounded to milliseconds', [{ durationSeconds: 1.23456 }, { durationSeconds: 0.0456 }], [[0.3, 1.535, 0.3, 1.535], [1.885, 1.931, 1.885, 1.931]], 2.131],
    [
      'a long sound under the previous line starts with it; its caption follows the line',
      [{ durationSeconds: 2 }, { durationSeconds: 3, underPrevious: true }, { durationSeconds: 1 }],
      [[0.3, 2.3, 0.3, 2.3], [0.3, 3.3, 2.3, 3.3], [3.65, 4.65, 3.65, 4.65]],
      4.85,
    ],
    [
      'pauseBefore on an under sound counts from the start of the line above',
      [{ durationSeconds: 2 }, { durationSeconds: 3, underPrevious: true, pauseBefore: 0.5 }],
      [[0.3, 2.3, 0.3, 2.3], [0.8, 3.8, 2.3, 3.8]],
      4,
    ],
    [
      'a short sound under a long line is moved to run on past it, so it is heard under its caption',
      [{ durationSeconds: 4 }, { durationSeconds: 2, underPrevious: true }],
      [[0.3, 4.3, 0.3, 4.3], [2.9, 4.9, 4.3, 4.9]],
      5.1,
    ],
    [
      'a very short under sound overhangs by half its length; its caption still lasts the minimum',
      [{ durationSeconds: 2 }, { durationSeconds: 0.4, underPrevious: true }],
      [[0.3, 2.3, 0.3, 2.3], [2.1, 2.5, 2.3, 2.9]],
      3.1,
    ],
    ['underPrevious on the first line is ignored', [{ durationSeconds: 1, underPrevious: true }], [[0.3, 1.3, 0.3, 1.3]], 1.5],
  ])('%s', (_name, items, expected, total) => {
    const timeline = layoutTimeline(items, defaults);
    expect(timeline.segments.map((s) => [s.audioStart, s.audioEnd, s.captionStart, s.captionEnd])).toEqual(expected);
    expect(timeline.totalSeconds).toBe(total);
  });

  it('never lets captions overlap, and the clip outlasts every caption by the tail', () => {
    const items: TimelineItem[] = [
      { durationSeconds: 1.111 },
      { durationSeconds: 0.3, underPrevious: true },
      { durationSeconds: 2.5, underPrevious: true },
      { durationSeconds: 0.777, pauseBefore: 0 },
      { durationSeconds: 5, underPrevious: true, pauseBefore: 0.1 },
    ];
    const timeline = layoutTimeline(items, defaults);
    timeline.segments.forEach((segment, index) => {
      expect(segment.captionEnd).toBeGreaterThan(segment.captionStart);
      if (items[index]?.underPrevious) expect(segment.captionEnd - segment.captionStart).toBeGreaterThanOrEqual(MIN_UNDER_CAPTION_SECONDS - 1e-9);
      if (index > 0) expect(segment.captionStart).toBeGreaterThanOrEqual(timeline.segments[index - 1]!.captionEnd);
      expect(segment.audioEnd).toBeLessThanOrEqual(timeline.totalSeconds);
    });
    expect(timeline.totalSeconds).toBe(roundSeconds(timeline.segments.at(-1)!.captionEnd + 0.2));
  });

  it('refuses an unmeasured segment', () => {
    expect(() => layoutTimeline([{ durationSeconds: Number.NaN }])).toThrow(/no measured duration/);
  });
});

describe('captionsFor', () => {
  const speakers: Speaker[] = [{ id: 'caller', label: 'Caller', role: 'caller', voice: { engine: 'flite', voice: 'slt' } }];
  const transcript: TranscriptLine[] = [
    { kind: 'speech', speaker: 'caller', text: 'Please hurry.' },
    { kind: 'sound', sound: 'door-banging', caption: '[banging on a door]', neutralCaption: '[loud banging]', durationSeconds: 1 },
  ];

  it('gives one caption per line: speech with its speaker label, sounds with their verbatim caption; the last runs to the end of the clip', () => {
    const timeline = layoutTimeline([{ durationSeconds: 0.8 }, { durationSeconds: 1 }], defaults);
    expect(timeline.totalSeconds).toBe(2.65);
    expect(captionsFor(transcript, timeline, speakers)).toEqual([
      { start: 0.3, end: 1.1, text: 'Please hurry.', speaker: 'Caller', line: 0 },
      { start: 1.45, end: 2.65, text: '[banging on a door]', line: 1 },
    ]);
  });

  it('refuses a timeline that does not match the transcript', () => {
    expect(() => captionsFor(transcript, layoutTimeline([{ durationSeconds: 1 }], defaults), speakers)).toThrow(/1 segments for 2/);
  });
});

describe('checkCaptionsAgainstAudio', () => {
  const caption = (start: number, end: number, line = 0) => ({ start, end, text: 'x', line });
  it.each<[string, ReturnType<typeof caption>[], number, RegExp | null]>([
    ['captions that fit', [caption(0.3, 1), caption(1.2, 2, 1)], 2.2, null],
    ['a last caption more than 0.3 s before the end', [caption(0.3, 1)], 1.31, /more than 0.3 s/],
    ['a caption past the audio', [caption(0.3, 2.5)], 2.4, /after the audio/],
    ['overlapping captions', [caption(0.3, 1.5), caption(1.2, 2, 1)], 2.1, /overlaps/],
    ['an empty caption', [caption(1, 1)], 1.1, /does not end after it starts/],
  ])('%s', (_name, captions, seconds, problem) => {
    const problems = checkCaptionsAgainstAudio(captions, seconds);
    if (problem === null) expect(problems).toEqual([]);
    else expect(problems.join('\n')).toMatch(problem);
  });
});
