import { isUpdateMoment, type Cue, type KeyMoment } from '../../domain/answer-key-schema';
import { cueTime } from '../../domain/cue-time';
import { replayPointForMoment } from '../../domain/debrief-timeline';
import type { Scenario } from '../../domain/scenario-schema';
import { formatClock, formatClockTenths } from '../shared/time-format';
import { useReplay } from './debrief-player';

/**
 * Where in the call a judgement comes from: the words heard (the key's quote, or the transcript
 * line) and the moment, as clip number and time into it, with a button that replays the call
 * from just before it (or, for a text contact, shows the messages).
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
      </span>{' '}
      <MomentButton moment={cue} scenario={scenario} what={words ?? 'the cue'} />
    </span>
  );
}

/** "Hear the moment": replays the call from just before a key moment; an update's words are shown as they are. */
export function MomentButton({ moment, scenario, what }: { moment: KeyMoment; scenario: Scenario | undefined; what: string }) {
  const replay = useReplay();
  if (!scenario) return null;
  if (isUpdateMoment(moment)) {
    const update = scenario.updates?.find((u) => u.id === moment.update);
    return update ? (
      <span className="cue-update">
        (update from {update.from}: <q>{update.text}</q>)
      </span>
    ) : null;
  }
  const point = replayPointForMoment(scenario, moment);
  if (!point) return null;
  const verb = point.text ? 'Show the message' : 'Hear the moment';
  return (
    <button type="button" className="button small replay-button" onClick={() => replay({ point, what })}>
      {verb}
      <span className="visually-hidden">
        {' '}
        at {formatClockTenths(point.momentSeconds)} of caller clip {point.clipIndex + 1}: {what}
      </span>
    </button>
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
