import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CallResponse } from '../../domain/call-response-schema';
import { debriefTimeline, replayPointForMarker, timelineLanes, type TimelineLane, type TimelineMarker } from '../../domain/debrief-timeline';
import type { ForcePolicy } from '../../domain/force-policy-schema';
import type { Scenario } from '../../domain/scenario-schema';
import type { ScoreReport } from '../../domain/score-report-schema';
import { formatClock } from '../shared/time-format';
import { useReplay } from './debrief-player';

const laneNames: Record<TimelineLane, string> = { caller: 'Caller', trainee: 'You', expert: 'Expert: should by' };
const kindNames: Record<TimelineMarker['kind'], string> = {
  clip: 'caller',
  update: 'update',
  action: 'action',
  decision: 'decision',
  expected: 'expected',
};
/** The shape drawn for each kind, named for the key (shapes differ, not only colours). */
const kindShapes: Record<TimelineMarker['kind'], string> = { clip: '▬', update: '◆', action: '●', decision: '■', expected: '▲' };

/**
 * The call as three lanes (caller, you, the expert's "should by" markers) on one time axis. Each
 * marker is a button: activating it replays the call from just before that moment. The lanes
 * are one tab stop; arrow keys move along a lane (Left/Right, Home/End) and between lanes
 * (Up/Down, to the nearest moment). A table below lists the same moments for screen readers.
 */
export function CallTimelineView({ scenario, response, report, policy }: { scenario: Scenario; response: CallResponse; report: ScoreReport; policy: ForcePolicy }) {
  const timeline = useMemo(() => debriefTimeline(scenario, response, report, policy), [scenario, response, report, policy]);
  const replay = useReplay();
  const lanes = useMemo(() => timelineLanes.map((lane) => timeline.markers.filter((m) => m.lane === lane)), [timeline]);
  const [active, setActive] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  if (timeline.markers.length === 0) return null;
  const activeId = active ?? timeline.markers[0]?.id;
  const hasTimes = response.callTimeline !== undefined;

  const play = (marker: TimelineMarker) => {
    const point = replayPointForMarker(scenario, response.callTimeline, marker);
    if (point) replay({ point, what: `${formatClock(marker.atMs)} ${marker.label}` });
  };
  const focus = (marker: TimelineMarker | undefined) => {
    if (!marker) return;
    setActive(marker.id);
    buttons.current.get(marker.id)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent, laneIndex: number, index: number) => {
    const lane = lanes[laneIndex] ?? [];
    const marker = lane[index];
    const nearestIn = (other: readonly TimelineMarker[]) =>
      marker ? other.reduce<TimelineMarker | undefined>((best, m) => (!best || Math.abs(m.atMs - marker.atMs) < Math.abs(best.atMs - marker.atMs) ? m : best), undefined) : undefined;
    const nextLane = (step: number) => {
      for (let i = laneIndex + step; i >= 0 && i < lanes.length; i += step) {
        const found = nearestIn(lanes[i] ?? []);
        if (found) return found;
      }
      return undefined;
    };
    const moves: Record<string, () => TimelineMarker | undefined> = {
      ArrowRight: () => lane[Math.min(index + 1, lane.length - 1)],
      ArrowLeft: () => lane[Math.max(index - 1, 0)],
      Home: () => lane[0],
      End: () => lane.at(-1),
      ArrowDown: () => nextLane(1),
      ArrowUp: () => nextLane(-1),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    focus(move());
  };

  return (
    <section aria-labelledby="timeline-heading" className="call-timeline">
      <h2 id="timeline-heading">Timeline of the call</h2>
      <p className="hint" id="timeline-help">
        Each marker replays the call from just before it. In the lanes, use the arrow keys to move along a lane (Left, Right) and between lanes (Up, Down).
        Key: <span aria-hidden="true">▬</span> caller speaking or texting, <span aria-hidden="true">◆</span> update, <span aria-hidden="true">●</span> your
        action, <span aria-hidden="true">■</span> your grade change, <span aria-hidden="true">▲</span> what the expert expected by then.
      </p>
      {!hasTimes && <p>This attempt was recorded before call timelines existed: only your questions and pin are shown, and they cannot be replayed.</p>}
      <div className="timeline-lanes" role="group" aria-label="Timeline lanes" aria-describedby="timeline-help">
        {lanes.map((lane, laneIndex) => {
          const name = laneNames[timelineLanes[laneIndex] ?? 'caller'];
          return (
            <div key={name} className="timeline-lane" role="group" aria-label={name}>
              <span className="timeline-lane-name" aria-hidden="true">
                {name}
              </span>
              <div className="timeline-track">
                {lane.map((marker, index) => (
                  <button
                    key={marker.id}
                    ref={(element) => {
                      if (element) buttons.current.set(marker.id, element);
                      else buttons.current.delete(marker.id);
                    }}
                    type="button"
                    tabIndex={marker.id === activeId ? 0 : -1}
                    className={`timeline-marker marker-${marker.kind}`}
                    style={{ left: `${(100 * marker.atMs) / timeline.durationMs}%` }}
                    aria-label={`${formatClock(marker.atMs)}, ${kindNames[marker.kind]}: ${marker.label}`}
                    title={`${formatClock(marker.atMs)} ${marker.label}`}
                    disabled={!hasTimes}
                    onFocus={() => setActive(marker.id)}
                    onKeyDown={(event) => onKeyDown(event, laneIndex, index)}
                    onClick={() => play(marker)}
                  >
                    <span aria-hidden="true">{kindShapes[marker.kind]}</span>
                  </button>
                ))}
              </div>
            </div>
          );
        })}
        <div className="timeline-axis" aria-hidden="true">
          <span>0:00</span>
          <span>{formatClock(timeline.durationMs)}</span>
        </div>
      </div>
      <details className="timeline-table">
        <summary>The timeline as a table</summary>
        <table className="debrief-table">
          <caption>The call, moment by moment</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Lane</th>
              <th scope="col">What happened</th>
            </tr>
          </thead>
          <tbody>
            {timeline.markers.map((marker) => (
              <tr key={marker.id}>
                <th scope="row" className="mono">
                  {formatClock(marker.atMs)}
                </th>
                <td>
                  <span aria-hidden="true">{kindShapes[marker.kind]} </span>
                  {laneNames[marker.lane]}
                </td>
                <td>
                  {marker.label}{' '}
                  {hasTimes && (
                    <button type="button" className="button small" onClick={() => play(marker)}>
                      Replay<span className="visually-hidden"> from just before {formatClock(marker.atMs)}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
