import { useMachine } from '@xstate/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Assessment, CallMode, CallResponse } from '../../domain/call-response-schema';
import type { CallProgress } from '../../domain/call-progress-schema';
import type { ForcePolicy } from '../../domain/force-policy-schema';
import type { Scenario } from '../../domain/scenario-schema';
import { callAudioImplementations, callMachine, type CallSnapshot } from '../../call/call-machine';
import { selectCallProgress } from '../../call/call-progress';
import {
  selectAudioProblem,
  selectAvailableChecks,
  selectCanPause,
  selectChecks,
  selectCoachingHint,
  selectContactKind,
  selectCurrentCaption,
  selectCurrentClip,
  selectEndSummary,
  selectGrade,
  selectIncidentLog,
  selectIsPlaying,
  selectLiveRecord,
  selectQuestionChoice,
  selectSharedMedia,
  selectTranscript,
  selectUpdatesShown,
} from '../../call/call-selectors';
import { AttemptNotSavedError, useServices, type CallAudio, type UnfinishedCall } from '../app-services';
import { navigate, routeHref } from '../routing';
import { channelLabel } from '../shared/domain-labels';
import { useLoad } from '../shared/load-state';
import { ScreenHeading } from '../shared/screen-heading';
import { ErrorMessage, LoadingMessage } from '../shared/status-message';
import { formatClock, formatDateTime } from '../shared/time-format';
import type { CountyGazetteer } from '../../domain/county-gazetteer-schema';
import { loadWexmoorGazetteer } from '../../game/load-wexmoor-gazetteer';
import { AssessmentForm } from './assessment-form';
import { LocationPanel } from './location-panel';
import { CallerAudioPanel } from './caller-audio-panel';
import { IncidentLogPanel } from './incident-log-panel';
import { REPLAY_SECONDS, trackPlayback } from './playback-control';
import { useRingtone } from './ringtone';
import { SystemsChecksPanel } from './systems-checks-panel';
import { TextConversation } from './text-conversation';
import type { PlaybackHandle } from '../../call/audio-port';
import { QuestionChoice } from './question-choice';

export function CallScreen({ scenarioId, mode = 'practice' }: { scenarioId: string; mode?: CallMode }) {
  const { catalogue, loadAudio, callsInProgress } = useServices();
  const loaded = useLoad(async () => {
    const [latest, audio, gazetteer, unfinished] = await Promise.all([
      catalogue.load(scenarioId),
      loadAudio(),
      loadWexmoorGazetteer(),
      // A call that cannot be looked up is not worth blocking a new one for.
      callsInProgress.find(scenarioId).catch(() => undefined),
    ]);
    // An unfinished call carries on with the version it was answered on, even if a newer one was
    // published since (authored scenarios keep every version); a new call gets the latest.
    const resumed = unfinished && unfinished.scenarioVersion !== latest.version ? await catalogue.load(scenarioId, unfinished.scenarioVersion) : latest;
    const [latestPolicy, resumedPolicy] = await Promise.all([catalogue.policyFor(latest), resumed === latest ? undefined : catalogue.policyFor(resumed)]);
    return { latest: { scenario: latest, policy: latestPolicy }, resumed: { scenario: resumed, policy: resumedPolicy ?? latestPolicy }, audio, gazetteer, unfinished };
  }, scenarioId);
  const [start, setStart] = useState<CallStart | null>(null);
  // Made once per screen: a re-render must not start a different call.
  const [fresh] = useState(newCall);
  if (loaded.status === 'loading') return <LoadingMessage what="the call" />;
  if (loaded.status === 'failed') return <ErrorMessage title="This call could not be started" message={loaded.message} />;
  const { audio, gazetteer, unfinished } = loaded.value;
  const chosen = start ?? (unfinished ? null : fresh);
  const { scenario, policy } = chosen?.resume ? loaded.value.resumed : loaded.value.latest;
  if (!chosen && unfinished) {
    return (
      <ResumePrompt
        scenario={loaded.value.resumed.scenario}
        unfinished={unfinished}
        onResume={() => setStart({ callId: unfinished.id, startedAt: unfinished.startedAt, resume: unfinished.progress })}
        onStartAgain={() => {
          callsInProgress.discard(unfinished.id).catch(() => undefined);
          setStart(newCall());
        }}
      />
    );
  }
  return <LiveCall key={chosen!.callId} scenario={scenario} policy={policy} audio={audio} gazetteer={gazetteer} start={chosen!} mode={mode} />;
}

/** Which call this is: a new one, or an unfinished one carried on from where it was kept. */
interface CallStart {
  readonly callId: string;
  readonly startedAt: Date;
  readonly resume?: CallProgress;
}

function newCall(): CallStart {
  return { callId: crypto.randomUUID(), startedAt: new Date() };
}

const stageWords: Record<CallProgress['stage'], string> = {
  connected: 'still on the line',
  callEnded: 'the call had ended; the assessment was not started',
  assessment: 'the assessment was started but not submitted',
};

/** Offered when this scenario has a call that was answered and never submitted. */
function ResumePrompt({ scenario, unfinished, onResume, onStartAgain }: { scenario: Scenario; unfinished: UnfinishedCall; onResume: () => void; onStartAgain: () => void }) {
  const { progress } = unfinished;
  const asked = progress.questionsAsked.length;
  return (
    <>
      <ScreenHeading title={`Unfinished call: ${scenario.metadata.title}`}>Unfinished call: {scenario.metadata.title}</ScreenHeading>
      <p className="lead">You answered this call and did not finish it. Carry on where you were, or start it again from the ring.</p>
      <dl className="facts">
        <div>
          <dt>Where you were</dt>
          <dd>{stageWords[progress.stage]}</dd>
        </div>
        <div>
          <dt>Questions asked</dt>
          <dd>{asked}</dd>
        </div>
        <div>
          <dt>Call time</dt>
          <dd className="mono">{formatClock(progress.callDurationMs ?? progress.elapsedMs)}</dd>
        </div>
        <div>
          <dt>Last kept</dt>
          <dd>{formatDateTime(unfinished.updatedAt.toISOString())}</dd>
        </div>
      </dl>
      <div className="actions">
        <button type="button" className="button primary" onClick={onResume}>
          Resume the call
        </button>
        <button type="button" className="button" onClick={onStartAgain}>
          Start again
        </button>
      </div>
    </>
  );
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
  readonly start: CallStart;
  readonly mode: CallMode;
}

function LiveCall({ scenario, policy, audio: rawAudio, gazetteer, start, mode }: LiveCallProps) {
  const services = useServices();
  const playback = useMemo(() => trackPlayback(rawAudio), [rawAudio]);
  const audio = playback.audio;
  const machine = useMemo(() => callMachine.provide(callAudioImplementations(audio)), [audio]);
  const [snapshot, send] = useMachine(machine, { input: { scenario, now: services.now, mode, ...(start.resume ? { resume: start.resume } : {}) } });
  const isText = selectContactKind(snapshot) !== 'voice-call';
  const { callId, startedAt } = start;
  const stage = stageOf(snapshot);
  const { problem: keepProblem, keepDraft } = useKeepCallInProgress(scenario, start, snapshot);
  const choice = selectQuestionChoice(snapshot);
  const title = `${channelLabel(scenario.metadata.channel)}: ${scenario.metadata.title}`;

  useRingtone(rawAudio, stage === 'ringing');

  // Move focus to where the trainee acts next, so the call can be run by keyboard alone.
  const focusTarget = useRef<HTMLElement | null>(null);
  const audioFailed = selectAudioProblem(snapshot) !== null;
  const focusKey =
    stage === 'connected' ? (choice ? `choice-${choice.id}` : audioFailed ? `audio-failed-${snapshot.context.nodeId}` : 'listening') : stage;
  useEffect(() => {
    if (focusKey === 'listening') return;
    // Someone typing in the incident log or running a check keeps their place; the status line says it is their turn.
    const active = document.activeElement;
    if (stage === 'connected' && active instanceof HTMLElement && active.closest('[data-incident-log]')) return;
    focusTarget.current?.focus();
  }, [focusKey, stage]);
  const focusHere = (element: HTMLElement | null) => {
    focusTarget.current = element;
  };

  return (
    <>
      <ScreenHeading title={title}>{title}</ScreenHeading>
      <CallStatusStrip scenario={scenario} snapshot={snapshot} />
      {stage === 'ringing' && (
        <section className="ringing" aria-labelledby="ringing-heading">
          <h2 id="ringing-heading">{isText ? `Incoming ${scenario.metadata.channel} text contact` : `Incoming ${scenario.metadata.channel} call`}</h2>
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
      {stage !== 'ringing' && (
        <>
          {isText ? (
            <TextConversation snapshot={snapshot} send={send} focusHere={focusHere} />
          ) : (
            <CallWorkspace
              snapshot={snapshot}
              scenario={scenario}
              audio={audio}
              current={playback.current}
              onAsk={(optionId) => send({ type: 'user.askQuestion', optionId })}
              onContinue={() => send({ type: 'user.continue' })}
              onHangUp={() => send({ type: 'user.hangUp' })}
              focusHere={focusHere}
            />
          )}
          <LiveExtras snapshot={snapshot} />
        </>
      )}
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
          <p className="hint">Your incident log is carried over. Check it, complete anything missing and submit it.</p>
          <AssessmentForm
            policy={policy}
            initialGrade={selectGrade(snapshot)}
            initialThrive={start.resume?.assessmentDraft?.thrive ?? selectLiveRecord(snapshot).thrive}
            initialActions={start.resume?.assessmentDraft?.safeguardingActions ?? selectLiveRecord(snapshot).safeguardingActions}
            {...(start.resume?.assessmentDraft?.gradeConfidence ? { initialConfidence: start.resume.assessmentDraft.gradeConfidence } : {})}
            onDraftChange={keepDraft}
            onGradeChange={(grade) => send({ type: 'user.chooseGrade', grade })}
            onSubmit={(assessment) => send({ type: 'user.submitAssessment', assessment })}
          />
        </section>
      )}
      {keepProblem && (
        <p role="status" className="status-message">
          {keepProblem}
        </p>
      )}
      {(stage === 'connected' || stage === 'callEnded') && (
        <div className="log-and-checks">
          <IncidentLogPanel
            policy={policy}
            grade={selectGrade(snapshot)}
            live={selectLiveRecord(snapshot)}
            entries={selectIncidentLog(snapshot)}
            subjectLabels={Object.fromEntries((scenario.systems?.subjects ?? []).map((subject) => [subject.id, subject.label]))}
            send={send}
          />
          {scenario.systems && (
            <SystemsChecksPanel
              available={selectAvailableChecks(snapshot)}
              checks={selectChecks(snapshot)}
              onRun={(database, subject) => send({ type: 'user.runCheck', database, subject })}
            />
          )}
        </div>
      )}
      {stage === 'submitted' && snapshot.output && <SaveAttempt scenario={scenario} response={snapshot.output} callId={callId} startedAt={startedAt} />}
    </>
  );
}

/** How long the assessment draft must rest before it is kept (typing does not write per key). */
const DRAFT_SAVE_DELAY_MS = 400;

/**
 * The persistence listener: keeps the call in progress each time it advances (a question asked,
 * a line reached, the call ending, a grade, a pin) and when the assessment draft has rested, so a
 * reload can resume it. The clock alone moving is not an advance. Returns a message when keeping
 * it failed (the call carries on regardless) and `keepDraft` for the assessment form.
 */
function useKeepCallInProgress(
  scenario: Scenario,
  start: CallStart,
  snapshot: CallSnapshot,
): { problem: string | null; keepDraft: (draft: Assessment) => void } {
  const { callsInProgress } = useServices();
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef(snapshot);
  const draft = useRef<Assessment | null>(start.resume?.assessmentDraft ?? null);
  const timer = useRef<number | undefined>(undefined);
  // Runs before the save below (effects run in order), so the save sees this render's snapshot.
  useEffect(() => {
    latest.current = snapshot;
  });

  const keep = useCallback(() => {
    const progress = selectCallProgress(latest.current, draft.current);
    if (progress === null) return;
    callsInProgress.save({ id: start.callId, scenario, startedAt: start.startedAt, progress }).then(
      () => setProblem(null),
      (error: unknown) => setProblem(`This call could not be kept for resuming after a reload: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, [callsInProgress, scenario, start]);

  const withoutDraft = selectCallProgress(snapshot);
  const key = withoutDraft && JSON.stringify({ ...withoutDraft, elapsedMs: 0 });
  useEffect(() => {
    if (key !== null) keep();
  }, [key, keep]);

  const keepDraft = useCallback(
    (next: Assessment) => {
      draft.current = next;
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(keep, DRAFT_SAVE_DELAY_MS);
    },
    [keep],
  );
  useEffect(() => () => window.clearTimeout(timer.current), []);
  // While this screen is open the call is on the line here: other tabs do not offer to resume it.
  useEffect(() => callsInProgress.hold(start.callId), [callsInProgress, start.callId]);
  return { problem, keepDraft };
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
          <dt>Mode</dt>
          <dd>{snapshot.context.mode === 'assessment' ? 'Assessment' : 'Practice'}</dd>
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
  /** The clip playing now, for the practice-mode pause and replay. */
  readonly current: () => PlaybackHandle | null;
  readonly onAsk: (optionId: string) => void;
  readonly onContinue: () => void;
  readonly onHangUp: () => void;
  readonly focusHere: (element: HTMLElement | null) => void;
}

function CallWorkspace({ snapshot, scenario, audio, current, onAsk, onContinue, onHangUp, focusHere }: CallWorkspaceProps) {
  const [showCaptions, setShowCaptions] = useState(true);
  // Assessment mode: sounds are captioned neutrally so the captions give nothing away.
  const captionOptions = { neutralSounds: snapshot.context.mode === 'assessment' };
  const choice = selectQuestionChoice(snapshot);
  const audioProblem = selectAudioProblem(snapshot);
  const transcript = selectTranscript(snapshot, captionOptions);
  const playing = selectIsPlaying(snapshot);
  const connected = snapshot.matches('connected');
  const canPause = selectCanPause(snapshot);
  // Paused is the screen's own state, for the clip playing now; a new clip starts unpaused.
  const clipKey = `${snapshot.context.heard.length}`;
  const [pausedClip, setPausedClip] = useState<string | null>(null);
  const paused = playing && pausedClip === clipKey;
  const status = paused
    ? 'Caller speaking (paused)'
    : playing
      ? 'Caller speaking'
      : choice
        ? 'Your turn: choose what to ask'
        : audioProblem
          ? 'Audio problem'
          : connected
            ? 'Connected'
            : 'Call ended';
  const pause = () => {
    current()?.pause();
    setPausedClip(clipKey);
  };
  const resume = () => {
    current()?.resume();
    setPausedClip(null);
  };
  const replay = () => {
    const handle = current();
    if (handle) handle.seek(Math.max(0, handle.position() - REPLAY_SECONDS));
  };
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
          caption={showCaptions ? selectCurrentCaption(snapshot, captionOptions) : undefined}
          scenario={scenario}
        />
        <div className="call-controls">
          <label className="choice captions-toggle">
            <input type="checkbox" checked={showCaptions} onChange={(e) => setShowCaptions(e.target.checked)} aria-describedby="captions-hint" />
            Show captions
          </label>
          <span className="hint" id="captions-hint">
            {captionOptions.neutralSounds ? 'Sounds are described neutrally in assessment mode.' : 'Captions show exactly what is heard.'}
          </span>
          {canPause && playing && (
            <>
              {paused ? (
                <button type="button" className="button" onClick={resume}>
                  Resume caller
                </button>
              ) : (
                <button type="button" className="button" onClick={pause}>
                  Pause caller
                </button>
              )}
              <button type="button" className="button" onClick={replay}>
                Replay last {REPLAY_SECONDS} seconds
              </button>
            </>
          )}
          {connected && (
            <button type="button" className="button danger" onClick={onHangUp}>
              Hang up
            </button>
          )}
        </div>
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
        {choice && <QuestionChoice choice={choice} focusHere={focusHere} onAsk={onAsk} />}
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

/**
 * What arrives beside the caller: the practice-mode coaching hint, mid-call updates (a second
 * call, an ambulance or officer update, a system alert) and anything the caller shares. Each
 * area is a polite live region, so arrivals are announced without taking focus.
 */
function LiveExtras({ snapshot }: { snapshot: CallSnapshot }) {
  const practice = snapshot.context.mode === 'practice';
  const hint = selectCoachingHint(snapshot);
  const updates = selectUpdatesShown(snapshot);
  const media = selectSharedMedia(snapshot);
  const hasUpdates = (snapshot.context.scenario.updates ?? []).length > 0;
  return (
    <div className="live-extras">
      {practice && (
        <section className="coaching" aria-labelledby="coaching-heading">
          <h2 id="coaching-heading">Coaching</h2>
          <div aria-live="polite">{hint ? <p>{hint.text}</p> : <p className="hint">Hints appear here as you make decisions.</p>}</div>
        </section>
      )}
      {hasUpdates && (
        <section className="updates" aria-labelledby="updates-heading">
          <h2 id="updates-heading">Updates</h2>
          <div role="log" aria-labelledby="updates-heading">
            {updates.length === 0 ? (
              <p className="hint">No updates yet.</p>
            ) : (
              <ol>
                {updates.map(({ update, atMs }) => (
                  <li key={update.id}>
                    <span className="mono">{formatClock(atMs)}</span> <strong>{update.from}:</strong> {update.text}
                  </li>
                ))}
              </ol>
            )}
          </div>
        </section>
      )}
      {media.length > 0 && (
        <section className="shared-media" aria-labelledby="shared-media-heading">
          <h2 id="shared-media-heading">Shared by the caller</h2>
          {media.map((item) => (
            <figure key={item.id}>
              {item.kind === 'image' ? (
                <img src={item.src} alt={item.alt} />
              ) : (
                <video src={item.src} controls aria-label={item.alt} />
              )}
              <figcaption>{item.alt}</figcaption>
            </figure>
          ))}
        </section>
      )}
    </div>
  );
}

type SaveState = { status: 'saving' } | { status: 'failed'; message: string; unsaved: AttemptNotSavedError | null };

/**
 * Scores and saves the finished call, then opens its debrief. A failed save keeps the screen and
 * can be retried; when the device is out of storage the attempt is offered as a JSON file, so the
 * work is not lost.
 */
function SaveAttempt({ scenario, response, callId, startedAt }: { scenario: Scenario; response: CallResponse; callId: string; startedAt: Date }) {
  const { history } = useServices();
  const [state, setState] = useState<SaveState>({ status: 'saving' });
  const [tries, setTries] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    let live = true;
    history.complete(scenario, response, { callId, startedAt }).then(
      (attemptId) => live && navigate({ screen: 'debrief', attemptId }),
      (error: unknown) =>
        live &&
        setState({
          status: 'failed',
          message: error instanceof Error ? error.message : String(error),
          unsaved: error instanceof AttemptNotSavedError ? error : null,
        }),
    );
    return () => {
      live = false;
    };
  }, [history, scenario, response, callId, startedAt, tries]);
  useEffect(() => {
    if (state.status === 'failed') headingRef.current?.focus();
  }, [state]);
  const retry = () => {
    setState({ status: 'saving' });
    setTries((n) => n + 1);
  };
  if (state.status === 'saving') return <p role="status">Scoring and saving your call…</p>;
  const outOfStorage = state.unsaved?.outOfStorage ?? false;
  return (
    <div role="alert" className="error-panel">
      <h2 tabIndex={-1} ref={headingRef}>
        {outOfStorage ? 'Your attempt could not be saved: this device is out of storage' : 'Your attempt was not saved'}
      </h2>
      <p>{state.message}</p>
      {state.unsaved && (
        <p>
          <AttemptDownload attempt={state.unsaved.attempt} /> Keep the file: your trainer can read it, and nothing you did on this call is lost.
        </p>
      )}
      <button type="button" className="button primary" onClick={retry}>
        Try saving again
      </button>{' '}
      <a className="button" href={routeHref({ screen: 'library' })}>
        Back to library
      </a>
    </div>
  );
}

/** A link that downloads the scored attempt as a JSON file (made in the page; nothing is sent anywhere). */
function AttemptDownload({ attempt }: { attempt: AttemptNotSavedError['attempt'] }) {
  const href = useMemo(() => URL.createObjectURL(new Blob([JSON.stringify(attempt, null, 2)], { type: 'application/json' })), [attempt]);
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  const fileName = `call-trainer-attempt-${attempt.scenarioId}-${attempt.completedAt.slice(0, 19).replace(/[:T]/g, '-')}.json`;
  return (
    <a className="button" href={href} download={fileName}>
      Download this attempt as a file
    </a>
  );
}
