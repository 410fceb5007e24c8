import { useEffect, useState } from 'react';
import type { AttemptRecord } from '../../store/attempt-record';
import { useServices, type UnfinishedCall } from '../app-services';
import { routeHref } from '../routing';
import { ScreenHeading } from '../shared/screen-heading';
import { ErrorMessage, LoadingMessage } from '../shared/status-message';
import { formatClock, formatDateTime } from '../shared/time-format';

type HistoryState = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; attempts: AttemptRecord[]; unreadable: number };

export function HistoryScreen() {
  const { history, profileName } = useServices();
  const [state, setState] = useState<HistoryState>({ status: 'loading' });
  useEffect(
    () =>
      history.observeAttempts(
        (attempts, unreadable) => setState({ status: 'ready', attempts, unreadable }),
        (message) => setState({ status: 'failed', message }),
      ),
    [history],
  );
  return (
    <>
      <ScreenHeading title="Your history">Your history</ScreenHeading>
      <p className="lead">Every call you have completed as {profileName}, newest first. Open one to see its debrief again.</p>
      {state.status === 'loading' && <LoadingMessage what="your attempts" />}
      {state.status === 'failed' && <ErrorMessage title="Your history could not be read" message={state.message} />}
      {state.status === 'ready' && state.unreadable > 0 && (
        <ErrorMessage
          title={`${state.unreadable} saved attempt(s) could not be read`}
          message="They are kept as they are and not shown here. They may come from a newer version of call-trainer."
        />
      )}
      <UnfinishedCalls />
      {state.status === 'ready' && state.attempts.length === 0 && (
        <p>
          No attempts yet. <a href={routeHref({ screen: 'library' })}>Choose a call from the library</a>.
        </p>
      )}
      {state.status === 'ready' && state.attempts.length > 0 && (
        <table className="history-table">
          <caption className="visually-hidden">Completed attempts</caption>
          <thead>
            <tr>
              <th scope="col">Completed</th>
              <th scope="col">Scenario</th>
              <th scope="col">Mode</th>
              <th scope="col">Score</th>
              <th scope="col">Band</th>
              <th scope="col">Critical misses</th>
              <th scope="col">Debrief</th>
            </tr>
          </thead>
          <tbody>
            {state.attempts.map((attempt) => (
              <tr key={attempt.id}>
                <td>{formatDateTime(attempt.completedAt)}</td>
                <td>{attempt.scenarioTitle}</td>
                <td>{attempt.mode === 'assessment' ? 'Assessment' : 'Practice'}</td>
                <td>{Math.round(attempt.report.percent)}%</td>
                <td>{attempt.report.band.label}</td>
                <td>{attempt.report.criticalMisses.length}</td>
                <td>
                  <a
                    href={routeHref({ screen: 'debrief', attemptId: attempt.id })}
                    aria-label={`Open debrief: ${attempt.scenarioTitle}, ${formatDateTime(attempt.completedAt)}`}
                  >
                    Open debrief
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

type UnfinishedState = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; calls: UnfinishedCall[] };

const stageLabels: Record<UnfinishedCall['progress']['stage'], string> = {
  connected: 'On the line',
  callEnded: 'Call ended, not assessed',
  assessment: 'Assessment not submitted',
};

/** Calls answered and never submitted (a reload, a crash, a closed tab): each can be resumed. */
function UnfinishedCalls() {
  const { callsInProgress } = useServices();
  const [state, setState] = useState<UnfinishedState>({ status: 'loading' });
  useEffect(
    () =>
      callsInProgress.observe(
        (calls) => setState({ status: 'ready', calls }),
        (message) => setState({ status: 'failed', message }),
      ),
    [callsInProgress],
  );
  if (state.status === 'failed') return <ErrorMessage title="Your unfinished calls could not be read" message={state.message} />;
  if (state.status !== 'ready' || state.calls.length === 0) return null;
  return (
    <section aria-labelledby="unfinished-heading">
      <h2 id="unfinished-heading">Unfinished calls</h2>
      <table className="history-table">
        <caption className="visually-hidden">Calls answered and not yet submitted</caption>
        <thead>
          <tr>
            <th scope="col">Last kept</th>
            <th scope="col">Scenario</th>
            <th scope="col">Where you were</th>
            <th scope="col">Questions asked</th>
            <th scope="col">Call time</th>
            <th scope="col">Carry on</th>
          </tr>
        </thead>
        <tbody>
          {state.calls.map((call) => (
            <tr key={call.id}>
              <td>{formatDateTime(call.updatedAt.toISOString())}</td>
              <td>{call.scenarioTitle}</td>
              <td>{stageLabels[call.progress.stage]}</td>
              <td>{call.progress.questionsAsked.length}</td>
              <td className="mono">{formatClock(call.progress.callDurationMs ?? call.progress.elapsedMs)}</td>
              <td>
                {call.openElsewhere ? (
                  'On the line in another tab'
                ) : (
                  <a href={routeHref({ screen: 'call', scenarioId: call.scenarioId })} aria-label={`Resume or restart: ${call.scenarioTitle}`}>
                    Resume or restart
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
