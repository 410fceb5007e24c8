import type { Cue } from '../../domain/answer-key-schema';
import { cueTime } from '../../domain/cue-time';
import type { Scenario } from '../../domain/scenario-schema';
import { formatClock } from '../shared/time-format';

/**
 * Where in the call a judgement comes from: the words heard (the key's quote, or the transcript
 * line) and the moment, as clip number and time into it.
 */
export function CueReference({ cue, scenario }: { cue: Cue; scenario: Scenario | undefined }) {
  const clipIndex = scenario?.clips.findIndex((clip) => clip.id === cue.clip) ?? -1;
  const clip = scenario?.clips[clipIndex];
  const line = clip?.transcript[cue.line];
  const words = cue.quote ?? (line?.kind === 'speech' ? line.text : line?.caption);
  const seconds = scenario ? cueTime(scenario, cue) : null;
  return (
    <span className="cue">
      {words && <q>{words}</q>}{' '}
      <span className="cue-moment">
        {clip ? `(caller clip ${clipIndex + 1} of ${scenario?.clips.length}${seconds === null ? '' : `, at ${formatClock(seconds * 1000)}`})` : `(clip ${cue.clip})`}
      </span>
    </span>
  );
}

export function CueList({ cues, scenario }: { cues: readonly Cue[]; scenario: Scenario | undefined }) {
  if (cues.length === 0) return null;
  return (
    <ul className="cue-list" aria-label="Cues in the call">
      {cues.map((cue, index) => (
        <li key={`${cue.clip}-${cue.line}-${index}`}>
          <CueReference cue={cue} scenario={scenario} />
        </li>
      ))}
    </ul>
  );
}
