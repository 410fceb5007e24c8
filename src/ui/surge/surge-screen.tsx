import { useEffect, useReducer, useRef, useState } from 'react';
import { scoreSurgeDrill, type SurgeDrillReport } from '../../domain/surge-drill-scoring';
import type { SurgeCall, SurgeDrill, SurgeDrillKey, SurgeDrillResponse } from '../../domain/surge-drill-schema';
import { useServices } from '../app-services';
import { routeHref } from '../routing';
import { difficultyLabels } from '../shared/domain-labels';
import { useLoad } from '../shared/load-state';
import { ScreenHeading } from '../shared/screen-heading';
import { ErrorMessage, LoadingMessage } from '../shared/status-message';
import { formatClock } from '../shared/time-format';
import { callName, SurgeDebrief, type HandledCall } from './surge-debrief';

/** `#/drills/<id>`: the briefing, the wallboard of calls, the call in hand, then the debrief. */
export function SurgeScreen({ drillId }: { drillId: string }) {
  const { drills } = useServices();
  const loaded = useLoad(() => drills.load(drillId), drillId);
  if (loaded.status === 'loading') return <LoadingMessage what="the drill" />;
  if (loaded.status === 'failed') return <ErrorMessage title="This drill could not be opened" message={loaded.message} />;
  return <SurgeDrillRun drill={loaded.value} />;
}

type FocusTarget = 'wallboard' | 'call' | 'all-handled' | 'none';

interface RunState {
  readonly stage: 'briefing' | 'queue' | 'scoring' | 'debrief';
  readonly startedAt: number;
  readonly firstAnswerAt: number | null;
  /** The call in hand: taken, or an abandoned call being called back. */
  readonly current: HandledCall | null;
  readonly handled: readonly HandledCall[];
  /** Announced politely to screen readers. */
  readonly notice: string;
  /** Where focus goes after the change; `n` makes each move a new one. */
  readonly focus: { readonly target: FocusTarget; readonly n: number };
  readonly result: { readonly report: SurgeDrillReport; readonly key: SurgeDrillKey } | null;
  readonly error: string | null;
}

type RunEvent =
  | { type: 'start'; at: number }
  | { type: 'take'; callId: string; how: 'taken' | 'called-back'; at: number }
  | { type: 'finishCall' }
  | { type: 'closeAbandoned'; callId: string; label: string }
  | { type: 'submit' }
  | { type: 'scored'; report: SurgeDrillReport; key: SurgeDrillKey }
  | { type: 'failed'; message: string }
  | { type: 'restart' };

const initialRun: RunState = {
  stage: 'briefing',
  startedAt: 0,
  firstAnswerAt: null,
  current: null,
  handled: [],
  notice: '',
  focus: { target: 'none', n: 0 },
  result: null,
  error: null,
};

function reduceRun(callCount: number) {
  return (state: RunState, event: RunEvent): RunState => {
    const focus = (target: FocusTarget) => ({ target, n: state.focus.n + 1 });
    switch (event.type) {
      case 'start':
        return { ...initialRun, stage: 'queue', startedAt: event.at, focus: focus('wallboard') };
      case 'take':
        if (state.current) return state;
        return {
          ...state,
          current: { callId: event.callId, how: event.how },
          firstAnswerAt: state.firstAnswerAt ?? event.at,
          notice: '',
          focus: focus('call'),
        };
      case 'finishCall': {
        if (!state.current) return state;
        const handled = [...state.handled, state.current];
        const done = handled.length === callCount;
        return { ...state, current: null, handled, notice: '', focus: focus(done ? 'all-handled' : 'wallboard') };
      }
      case 'closeAbandoned': {
        if (state.current) return state;
        const handled = [...state.handled, { callId: event.callId, how: 'closed' as const }];
        const done = handled.length === callCount;
        return { ...state, handled, notice: `Closed the abandoned call from ${event.label} without calling back.`, focus: focus(done ? 'all-handled' : 'wallboard') };
      }
      case 'submit':
        return { ...state, stage: 'scoring', error: null };
      case 'scored':
        return { ...state, stage: 'debrief', result: { report: event.report, key: event.key } };
      case 'failed':
        return { ...state, stage: 'queue', error: event.message, focus: focus('all-handled') };
      case 'restart':
        return { ...initialRun, focus: focus('none') };
    }
  };
}

function SurgeDrillRun({ drill }: { drill: SurgeDrill }) {
  const { drills, now } = useServices();
  const [state, dispatch] = useReducer(reduceRun(drill.calls.length), initialRun);
  const [clock, setClock] = useState(() => now());
  const wallboardRef = useRef<HTMLHeadingElement>(null);
  const callRef = useRef<HTMLHeadingElement>(null);
  const allHandledRef = useRef<HTMLHeadingElement>(null);

  // The wallboard ticks: every waiting time goes up once a second while the drill runs.
  useEffect(() => {
    if (state.stage !== 'queue') return;
    const timer = window.setInterval(() => setClock(now()), 1000);
    return () => window.clearInterval(timer);
  }, [state.stage, now]);

  useEffect(() => {
    const target = { wallboard: wallboardRef, call: callRef, 'all-handled': allHandledRef, none: null }[state.focus.target];
    target?.current?.focus();
  }, [state.focus]);

  const submit = async () => {
    dispatch({ type: 'submit' });
    const end = now();
    const response: SurgeDrillResponse = {
      order: state.handled.map((h) => h.callId),
      calledBack: state.handled.filter((h) => h.how === 'called-back').map((h) => h.callId),
      timings: { firstAnswerMs: state.firstAnswerAt === null ? null : state.firstAnswerAt - state.startedAt, totalMs: end - state.startedAt },
    };
    try {
      const [key, bands] = await Promise.all([drills.answerKey(drill.id), drills.bands()]);
      dispatch({ type: 'scored', report: scoreSurgeDrill(drill, key, response, bands), key });
    } catch (error) {
      dispatch({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  if (state.stage === 'briefing') return <Briefing drill={drill} onStart={() => dispatch({ type: 'start', at: now() })} />;
  if (state.stage === 'debrief' && state.result) {
    return (
      <SurgeDebrief drill={drill} handled={state.handled} report={state.result.report} answerKey={state.result.key} onRestart={() => dispatch({ type: 'restart' })} />
    );
  }

  const handledIds = new Set(state.handled.map((h) => h.callId));
  const waiting = drill.calls.filter((call) => !handledIds.has(call.id) && call.id !== state.current?.callId);
  const current = state.current ? drill.calls.find((call) => call.id === state.current?.callId) : undefined;
  const elapsedSeconds = Math.max(0, Math.floor((clock - state.startedAt) / 1000));
  const allHandled = state.handled.length === drill.calls.length;

  return (
    <>
      <ScreenHeading title={`Call surge: ${drill.title}`}>Call surge: {drill.title}</ScreenHeading>
      <p role="status" className="surge-notice">
        {state.notice}
      </p>
      {current && state.current && (
        <section className="surge-call" aria-labelledby="surge-call-heading">
          <h2 id="surge-call-heading" ref={callRef} tabIndex={-1}>
            On the call: {current.title}
          </h2>
          <p className="meta">
            {state.current.how === 'called-back' ? `You called back ${current.callerNumber} (abandoned ${current.channel} call).` : `You answered the ${current.channel} call from ${current.callerNumber}.`}
          </p>
          <h3>What the caller says</h3>
          <p>{current.onAnswer}</p>
          {current.interimRisk && (
            <>
              <h3>Interim risk</h3>
              <p className="surge-interim">{current.interimRisk}</p>
            </>
          )}
          <div className="actions">
            <button type="button" className="button primary" onClick={() => dispatch({ type: 'finishCall' })}>
              Done, next call
            </button>
          </div>
        </section>
      )}
      {allHandled ? (
        <section className="surge-all-handled" aria-labelledby="surge-done-heading">
          <h2 id="surge-done-heading" ref={allHandledRef} tabIndex={-1}>
            All calls handled
          </h2>
          <p>Submit the drill to see your order next to the expert&rsquo;s, with the reason for each place.</p>
          {state.error && <ErrorMessage title="The drill could not be scored" message={state.error} />}
          <div className="actions">
            <button type="button" className="button primary" disabled={state.stage === 'scoring'} onClick={() => void submit()}>
              Submit the drill
            </button>
          </div>
          {state.stage === 'scoring' && <LoadingMessage what="the expert's order" />}
        </section>
      ) : (
        <section className="surge-wallboard" aria-labelledby="wallboard-heading">
          <h2 id="wallboard-heading" ref={wallboardRef} tabIndex={-1}>
            Wallboard: {waiting.length} {waiting.length === 1 ? 'call' : 'calls'} to handle
          </h2>
          {current && <p className="hint">You are on a call: finish it with &ldquo;Done, next call&rdquo; to take the next.</p>}
          <ul className="surge-queue">
            {waiting.map((call) => (
              <li key={call.id}>
                <QueueCard
                  call={call}
                  seconds={call.waitingSeconds + elapsedSeconds}
                  canAct={!current}
                  onTake={(how) => dispatch({ type: 'take', callId: call.id, how, at: now() })}
                  onClose={() => dispatch({ type: 'closeAbandoned', callId: call.id, label: call.callerNumber })}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
      {state.handled.length > 0 && (
        <section aria-labelledby="handled-heading">
          <h2 id="handled-heading">Handled so far</h2>
          <ol className="surge-handled">
            {state.handled.map((handled) => {
              const call = drill.calls.find((c) => c.id === handled.callId);
              return call ? <li key={call.id}>{callName(call, handled.how)}</li> : null;
            })}
          </ol>
        </section>
      )}
    </>
  );
}

function Briefing({ drill, onStart }: { drill: SurgeDrill; onStart: () => void }) {
  return (
    <>
      <ScreenHeading title={`Call surge: ${drill.title}`}>Call surge: {drill.title}</ScreenHeading>
      <p className="lead">{drill.summary}</p>
      <dl className="facts">
        <div>
          <dt>Calls</dt>
          <dd>{drill.calls.length}</dd>
        </div>
        <div>
          <dt>Level</dt>
          <dd>{difficultyLabels[drill.difficulty]}</dd>
        </div>
      </dl>
      <h2>Briefing</h2>
      <p className="preserve-lines">{drill.briefing}</p>
      {drill.contentWarnings.length > 0 && (
        <section className="content-warning" aria-labelledby="surge-warning-heading">
          <h2 id="surge-warning-heading">Before you start</h2>
          <p>This drill contains: {drill.contentWarnings.join('; ')}.</p>
          <p>You can skip it and come back later. If it affects you, talk to your trainer or supervisor.</p>
        </section>
      )}
      <h2>How the drill works</h2>
      <p>
        The wallboard lists every call with what is known before you answer, and the waiting times keep counting. Answer a call, or
        call back an abandoned one, to hear what the caller says; choose &ldquo;Done, next call&rdquo; when you have dealt with it. You
        handle one call at a time. This drill is practice: it is not saved to your history.
      </p>
      <div className="actions">
        <button type="button" className="button primary" onClick={onStart}>
          Start the drill
        </button>
        <a className="button" href={routeHref({ screen: 'drills' })}>
          Back to drills
        </a>
      </div>
    </>
  );
}

const statusText: Record<SurgeCall['status'], string> = { ringing: 'Ringing', waiting: 'Waiting', abandoned: 'Abandoned' };
const waitLabel: Record<SurgeCall['status'], string> = { ringing: 'Ringing for', waiting: 'Waiting for', abandoned: 'Abandoned' };

function QueueCard({
  call,
  seconds,
  canAct,
  onTake,
  onClose,
}: {
  call: SurgeCall;
  seconds: number;
  canAct: boolean;
  onTake: (how: 'taken' | 'called-back') => void;
  onClose: () => void;
}) {
  const headingId = `surge-card-${call.id}`;
  return (
    <article className={`surge-card surge-${call.status} surge-channel-${call.channel}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span className="surge-channel">{call.channel}</span> <span className="mono">{call.callerNumber}</span>
      </h3>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd className="surge-status">{statusText[call.status]}</dd>
        </div>
        <div>
          <dt>{waitLabel[call.status]}</dt>
          <dd className="mono">
            {formatClock(seconds * 1000)}
            {call.status === 'abandoned' && ' ago'}
          </dd>
        </div>
      </dl>
      {call.knownBeforeAnswer.length > 0 && (
        <ul className="surge-known" aria-label={`What is known about ${call.callerNumber}`}>
          {call.knownBeforeAnswer.map((fact) => (
            <li key={fact}>{fact}</li>
          ))}
        </ul>
      )}
      {canAct && (
        <div className="actions">
          {call.status === 'abandoned' ? (
            <>
              <button type="button" className="button primary" onClick={() => onTake('called-back')}>
                Call back {call.callerNumber}
              </button>
              <button type="button" className="button" onClick={onClose}>
                Close {call.callerNumber} without calling back
              </button>
            </>
          ) : (
            <button type="button" className="button primary" onClick={() => onTake('taken')}>
              Answer {call.channel} call from {call.callerNumber}
            </button>
          )}
        </div>
      )}
    </article>
  );
}
