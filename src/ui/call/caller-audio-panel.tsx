import { useEffect, useState } from 'react';
import type { Caption, Clip, Scenario } from '../../domain/scenario-schema';
import type { CallAudio } from '../app-services';
import { formatClock } from '../shared/time-format';

interface CallerAudioPanelProps {
  readonly audio: CallAudio;
  readonly clip: Clip | undefined;
  readonly seconds: number;
  readonly playing: boolean;
  readonly caption: Caption | undefined;
  readonly scenario: Scenario;
}

/**
 * The caller's line: position in the clip, a line-level meter (as on a control-room console)
 * and the caption in step with the audio.
 */
export function CallerAudioPanel({ audio, clip, seconds, playing, caption }: CallerAudioPanelProps) {
  const duration = clip?.audio?.durationSeconds ?? 0;
  const level = useLineLevel(audio, playing);
  return (
    <section className="caller-audio" aria-label="Caller audio">
      <div className="audio-position">
        <progress aria-label="Caller audio position" max={duration || 1} value={playing ? Math.min(seconds, duration) : 0} />
        <span className="mono" aria-hidden="true">
          {formatClock(seconds * 1000)} / {formatClock(duration * 1000)}
        </span>
      </div>
      <div className="line-level">
        <span id="line-level-label">Line level</span>
        <meter aria-labelledby="line-level-label" min={0} max={1} low={0.02} value={level} />
      </div>
      <section className="caption" aria-label="Caption">
        {caption ? (
          <>
            {caption.speaker && <span className="who">{caption.speaker}: </span>}
            {caption.text}
          </>
        ) : (
          <span className="hint">{playing ? '…' : ' '}</span>
        )}
      </section>
    </section>
  );
}

/** The audio output level, sampled ten times a second while the caller speaks. */
function useLineLevel(audio: CallAudio, active: boolean): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!active || !audio.level) return;
    const timer = window.setInterval(() => setLevel(Math.min(1, (audio.level?.() ?? 0) * 4)), 100);
    return () => window.clearInterval(timer);
  }, [active, audio]);
  return active ? level : 0;
}
