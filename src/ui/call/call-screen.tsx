import { useMachine } from '@xstate/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CallResponse } from '../../domain/call-response-schema';
import type { ForcePolicy } from '../../domain/force-policy-schema';
import type { Scenario } from '../../domain/scenario-schema';
import { callAudioImplementations, callMachine, type CallSnapshot } from '../../call/call-machine';
import {
  selectAudioProblem,
  selectCurrentCaption,
  selectCurrentClip,
  selectEndSummary,
  selectGrade,
  selectIsPlaying,
  selectQuestionChoice,
  selectTranscript,
} from '../../call/call-selectors';
import { useServices, type CallAudio } from '../app-services';
import { navigate, routeHref } from '../routing';
import { channelLabel } from '../shared/domain-labels';
import { useLoad } from '../shared/load-state';
import { ScreenHeading } from '../shared/screen-heading';
import { ErrorMessage, LoadingMessage } from '../shared/status-message';
import { formatClock } from '../shared/time-format';
import type { CountyGazetteer } from '../../domain/county-gazetteer-schema';
import { loadWexmoorGazetteer } from '../../game/load-wexmoor-gazetteer';
import { AssessmentForm } from './assessment-form';
import { LocationPanel } from './location-panel';
import { CallerAudioPanel } from './caller-audio-panel';
import { useRingtone } from './ringtone';

export function CallScreen({ scenarioId }: { scenarioId: string }) {
  const { catalogue } = useServices();
  const { loadAudio } = useServices();
  const loaded = useLoad(async () => {
    const scenario = await catalogue.load(scenarioId);
    const [policy, audio, gazetteer] = await Promise.all([catalogue.policyFor(scenario), loadAudio(), loadWexmoorGazetteer()]);
    return { scenario, policy, audio, gazetteer };
  }, scenarioId);
  if (loaded.status === 'loading') return <LoadingMessage what="the call" />;
  if (loaded.status === 'failed') return <ErrorMessage title="This call could not be started" message={loaded.message} />;
  const { scenario, policy, audio, gazetteer } = loaded.value;
  return <LiveCall key={scenarioId} scenario={scenario} policy={policy} audio={audio} gazetteer={gazetteer} />;
}

function stageOf(snapshot: CallSnapshot): 'ringing' | 'connected' | 'callEnded' | 'assessment' | 'submitted' {
  if (snapshot.matches('ringing')) return 'ringing';
  if (snapshot.matches('connected')) return 'connected';
  if (snapshot.matches('callEnded')) return 'callEnded';
  if (snapshot.matches('assessment')) return 'assessment';
  return 'submitted';
}

interface LiveCallProps {
  readonly scenario: Scenario;
  readonly policy: ForcePolicy;
  readonly audio: CallAudio;
  readonly gazetteer: CountyGazetteer;
}

function LiveCall({ scenario, policy, audio, gazetteer }: LiveCallProps) {
  const services = useServices();
  const machine = useMemo(() => callMachine.provide(callAudioImplementations(audio)), [audio]);
  const [snapshot, send] = useMachine(machine, { input: { scenario, now: services.now } });
  const [startedAt] = useState(() => new Date(services.now()));
  const stage = stageOf(snapshot);
  const choice = selectQuestionChoice(snapshot);
  const title = `${channelLabel(scenario.metadata.channel)}: ${scenario.metadata.title}`;

  useRingtone(audio, stage === 'ringing');

  // Move focus to where the trainee acts next, so the call can be run by keyboard alone.
  const focusTarget = useRef<HTMLElement | null>(null);
  const audioFailed = selectAudioProblem(snapshot) !== null;
  const focusKey =
    stage === 'connected' ? (choice ? `choice-${choice.id}` : audioFailed ? `audio-failed-${snapshot.context.nodeId}` : 'listening') : stage;
  useEffect(() => {
    if (focusKey !== 'listening') focusTarget.current?.focus();
  }, [focusKey]);
  const focusHere = (element: HTMLElement | null) => {
    focusTarget.current = element;
  };

  return (
    <>
      <ScreenHeading title={title}>{title}</ScreenHeading>
      <CallStatusStrip scenario={scenario} snapshot={snapshot} />
      {stage === 'ringing' && (
        <section className="ringing" aria-labelledby="ringing-heading">
          <h2 id="ringing-heading">Incoming {scenario.metadata.channel} call</h2>
          <p>
            Caller&rsquo;s number: <span className="mono">{scenario.callContext.callerNumber}</span>
          </p>
          <button type="button" className="button primary answer" ref={focusHere} onClick={() => {
              // Read by `npm run bench` (answer-to-audio latency) with the audio's own mark.
              performance.mark('call-trainer:answer');
              send({ type: 'user.answer' });
            }}>
            Answer
          </button>
        </section>
      )}
      {stage !== 'ringing' && <CallWorkspace snapshot={snapshot} scenario={scenario} audio={audio} onAsk={(optionId) => send({ type: 'user.askQuestion', optionId })} onContinue={() => send({ type: 'user.continue' })} focusHere={focusHere} />}
      {stage !== 'ringing' && stage !== 'submitted' && (
        <LocationPanel
          gazetteer={gazetteer}
          {...(scenario.callContext.locationArea ? { area: scenario.callContext.locationArea } : {})}
          onPin={(location) => send({ type: 'user.pinLocation', location })}
          onClearPin={() => send({ type: 'user.clearLocation' })}
        />
      )}
      {stage === 'callEnded' && (
        <section className="call-ended" aria-labelledby="ended-heading">
          <h2 id="ended-heading" tabIndex={-1} ref={focusHere}>
            Call ended
          </h2>
          <p>{selectEndSummary(snapshot)}</p>
          <button type="button" className="button primary" onClick={() => send({ type: 'user.startAssessment' })}>
            Complete your assessment
          </button>
        </section>
      )}
      {stage === 'assessment' && (
        <section className="assessment" aria-labelledby="assessment-heading">
          <h2 id="assessment-heading" tabIndex={-1} ref={focusHere}>
            Your assessment
          </h2>
          <AssessmentForm
            policy={policy}
            initialGrade={selectGrade(snapshot)}
            onGradeChange={(grade) => send({ type: 'user.chooseGrade', grade })}
            onSubmit={(assessment) => send({ type: 'user.submitAssessment', assessment })}
          />
        </section>
      )}
      {stage === 'submitted' && snapshot.output && <SaveAttempt scenario={scenario} response={snapshot.output} startedAt={startedAt} />}
    </>
  );
}

function CallStatusStrip({ scenario, snapshot }: { scenario: Scenario; snapshot: CallSnapshot }) {
  const { now } = useServices();
  const answeredAt = snapshot.context.answeredAtMs;
  const ended = snapshot.context.timings.callDurationMs;
  const [, tick] = useState(0);
  useEffect(() => {
    if (answeredAt === null || ended !== null) return;
    const timer = window.setInterval(() => tick((n) => n + 1), 1000);
    return () => window.clearInterval(timer);
  }, [answeredAt, ended]);
  const elapsed = answeredAt === null ? 0 : (ended ?? now() - answeredAt);
  return (
    <section className="status-strip" aria-label="Call details">
      <dl>
        <div>
          <dt>Line</dt>
          <dd className={answeredAt !== null && ended === null ? 'live' : undefined}>
            {answeredAt === null ? 'Ringing' : ended === null ? 'Live' : 'Ended'} {scenario.metadata.channel}
          </dd>
        </div>
        <div>
          <dt>Call time</dt>
          <dd className="mono">{formatClock(elapsed)}</dd>
        </div>
        <div>
          <dt>Caller&rsquo;s number</dt>
          <dd className="mono">{scenario.callContext.callerNumber}</dd>
        </div>
        {scenario.callContext.locationFeed && (
          <div>
            <dt>Location feed</dt>
            <dd>{scenario.callContext.locationFeed}</dd>
          </div>
        )}
        {scenario.callContext.timeOfDay && (
          <div>
            <dt>Time of call</dt>
            <dd className="mono">{scenario.callContext.timeOfDay}</dd>
          </div>
        )}
      </dl>
      {scenario.callContext.systemInformation && scenario.callContext.systemInformation.length > 0 && (
        <div className="system-information">
          <h2>Force systems</h2>
          <ul>
            {scenario.callContext.systemInformation.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

interface CallWorkspaceProps {
  readonly snapshot: CallSnapshot;
  readonly audio: CallAudio;
  readonly scenario: Scenario;
  readonly onAsk: (optionId: string) => void;
  readonly onContinue: () => void;
  readonly focusHere: (element: HTMLElement | null) => void;
}

function CallWorkspace({ snapshot, scenario, audio, onAsk, onContinue, focusHere }: CallWorkspaceProps) {
  const [showCaptions, setShowCaptions] = useState(true);
  const choice = selectQuestionChoice(snapshot);
  const audioProblem = selectAudioProblem(snapshot);
  const transcript = selectTranscript(snapshot);
  const playing = selectIsPlaying(snapshot);
  const connected = snapshot.matches('connected');
  const status = playing ? 'Caller speaking' : choice ? 'Your turn: choose what to ask' : audioProblem ? 'Audio problem' : connected ? 'Connected' : 'Call ended';
  return (
    <div className="call-workspace">
      <div className="call-main">
        <p role="status" className="call-status">
          {status}
        </p>
        <CallerAudioPanel
          audio={audio}
          clip={selectCurrentClip(snapshot)}
          seconds={snapshot.context.clipSeconds}
          playing={playing}
          caption={showCaptions ? selectCurrentCaption(snapshot) : undefined}
          scenario={scenario}
        />
        <label className="choice captions-toggle">
          <input type="checkbox" checked={showCaptions} onChange={(e) => setShowCaptions(e.target.checked)} />
          Show captions
        </label>
        {audioProblem && (
          <div role="alert" className="error-panel">
            <h2>The caller&rsquo;s audio could not play</h2>
            <p>{audioProblem}</p>
            <p>What the caller says is shown in the transcript. Continue when you have read it.</p>
            <button type="button" className="button" ref={focusHere} onClick={onContinue}>
              Continue
            </button>
          </div>
        )}
        {choice && (
          <section className="question-choice" aria-labelledby={`prompt-${choice.id}`}>
            <h2 id={`prompt-${choice.id}`} tabIndex={-1} ref={focusHere}>
              {choice.prompt}
            </h2>
            <ul className="option-list">
              {choice.options.map((option) => (
                <li key={option.id}>
                  <button type="button" className="button option" onClick={() => onAsk(option.id)}>
                    {option.text}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
      {/* Scrolls when long, so it takes focus: keyboard users can scroll it with the arrow keys. */}
      <section className="transcript" aria-labelledby="transcript-heading" tabIndex={0}>
        <h2 id="transcript-heading">Transcript</h2>
        {transcript.length === 0 ? (
          <p className="hint">Nothing said yet.</p>
        ) : (
          <ol className="transcript-lines">
            {transcript.map((entry, index) => (
              <li key={index} className={entry.who}>
                {entry.who === 'trainee' ? <span className="who">You:</span> : entry.speaker && <span className="who">{entry.speaker}:</span>} {entry.text}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

type SaveState = { status: 'saving' } | { status: 'failed'; message: string };

/** Scores and saves the finished call, then opens its debrief; a failed save can be retried. */
function SaveAttempt({ scenario, response, startedAt }: { scenario: Scenario; response: CallResponse; startedAt: Date }) {
  const { history } = useServices();
  const [state, setState] = useState<SaveState>({ status: 'saving' });
  const [tries, setTries] = useState(0);
  useEffect(() => {
    let live = true;
    history.complete(scenario, response, startedAt).then(
      (attemptId) => live && navigate({ screen: 'debrief', attemptId }),
      (error: unknown) => live && setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [history, scenario, response, startedAt, tries]);
  const retry = () => {
    setState({ status: 'saving' });
    setTries((n) => n + 1);
  };
  if (state.status === 'saving') return <p role="status">Scoring and saving your call…</p>;
  return (
    <div role="alert" className="error-panel">
      <h2>Your attempt was not saved</h2>
      <p>{state.message}</p>
      <button type="button" className="button primary" onClick={retry}>
        Try saving again
      </button>{' '}
      <a className="button" href={routeHref({ screen: 'library' })}>
        Back to library
      </a>
    </div>
  );
}
