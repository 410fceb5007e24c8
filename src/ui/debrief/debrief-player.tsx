import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { PlaybackHandle } from '../../call/audio-port';
import type { ReplayPoint } from '../../domain/debrief-timeline';
import type { Scenario } from '../../domain/scenario-schema';
import { useServices } from '../app-services';
import { formatClockTenths } from '../shared/time-format';

/** What the trainee asked to replay: where, and in words what it is ("the cue: ..."). */
export interface ReplayRequest {
  readonly point: ReplayPoint;
  readonly what: string;
}

type PlayerState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly request: ReplayRequest }
  | { readonly status: 'playing' | 'paused' | 'ended'; readonly request: ReplayRequest; readonly position: number; readonly duration: number }
  | { readonly status: 'failed'; readonly request: ReplayRequest; readonly message: string }
  | { readonly status: 'text'; readonly request: ReplayRequest };

type Replay = (request: ReplayRequest) => void;

const ReplayContext = createContext<Replay | null>(null);

/** Asks the debrief player to replay a moment; the player scrolls into view and plays. */
export function useReplay(): Replay {
  const replay = useContext(ReplayContext);
  if (!replay) throw new Error('useReplay must be used inside DebriefPlayerProvider');
  return replay;
}

/**
 * The debrief's call player: one clip at a time, started a few seconds before the moment asked
 * for (see `replayPointForMoment` / `replayPointAt`). Audio comes through `AppServices.loadAudio`
 * (Howler lives only in src/call and loads lazily). Text contacts show the messages instead.
 * Its position is shown as text ("Playing clip 1 of 11 from 0:00.0") and as a labelled progress
 * bar, so every user (and the browser test) can read where it is.
 */
export function DebriefPlayerProvider({ scenario, children }: { scenario: Scenario | undefined; children: ReactNode }) {
  const { loadAudio } = useServices();
  const [state, setState] = useState<PlayerState>({ status: 'idle' });
  const handle = useRef<PlaybackHandle | null>(null);
  const region = useRef<HTMLElement>(null);
  const generation = useRef(0);

  const stop = useCallback(() => {
    generation.current += 1;
    handle.current?.stop();
    handle.current = null;
  }, []);
  useEffect(() => stop, [stop]);

  const replay = useCallback<Replay>(
    (request) => {
      stop();
      region.current?.scrollIntoView?.({ block: 'nearest' });
      const clip = scenario?.clips.find((c) => c.id === request.point.clipId);
      if (!clip) return;
      if (request.point.text || !clip.audio) {
        setState({ status: 'text', request });
        return;
      }
      const sources = clip.audio.sources;
      const mine = generation.current;
      setState({ status: 'loading', request });
      loadAudio().then(
        (audio) => {
          if (generation.current !== mine) return;
          const playing = audio.play(sources, {
            onProgress: (seconds) => {
              if (generation.current === mine) setState((s) => (s.status === 'playing' || s.status === 'loading' ? { status: 'playing', request, position: seconds, duration: playing.duration() } : s));
            },
            onEnd: () => {
              if (generation.current === mine) setState({ status: 'ended', request, position: playing.duration(), duration: playing.duration() });
            },
            onError: (message) => {
              if (generation.current === mine) setState({ status: 'failed', request, message });
            },
          });
          playing.seek(request.point.fromSeconds);
          handle.current = playing;
          setState((s) => (s.status === 'loading' ? { status: 'playing', request, position: request.point.fromSeconds, duration: clip.audio?.durationSeconds ?? 0 } : s));
        },
        (error: unknown) => {
          if (generation.current === mine) setState({ status: 'failed', request, message: error instanceof Error ? error.message : String(error) });
        },
      );
    },
    [loadAudio, scenario, stop],
  );

  const pause = () => {
    handle.current?.pause();
    setState((s) => (s.status === 'playing' ? { ...s, status: 'paused' } : s));
  };
  const resume = () => {
    handle.current?.resume();
    setState((s) => (s.status === 'paused' ? { ...s, status: 'playing' } : s));
  };

  return (
    <ReplayContext.Provider value={replay}>
      <section aria-labelledby="replay-heading" className="debrief-player" ref={region}>
        <h2 id="replay-heading">Call replay</h2>
        <PlayerBody state={state} scenario={scenario} onPause={pause} onResume={resume} />
      </section>
      {children}
    </ReplayContext.Provider>
  );
}

function PlayerBody({ state, scenario, onPause, onResume }: { state: PlayerState; scenario: Scenario | undefined; onPause: () => void; onResume: () => void }) {
  if (state.status === 'idle') {
    return <p role="status">Choose &ldquo;Hear the moment&rdquo; beside a cue, or a marker on the timeline, to replay the call from just before it.</p>;
  }
  const { point, what } = state.request;
  const clip = scenario?.clips[point.clipIndex];
  const clipName = `clip ${point.clipIndex + 1} of ${scenario?.clips.length ?? '?'}`;
  if (state.status === 'text') {
    const messages = (clip?.captions ?? []).filter((caption) => caption.start <= point.momentSeconds + 1e-9);
    return (
      <div role="status">
        <p>
          Text contact, message {clipName}: {what}. The messages that had arrived by then:
        </p>
        <ol className="replay-messages">
          {messages.map((caption) => (
            <li key={`${caption.line}-${caption.start}`}>
              <span className="replay-time">{formatClockTenths(caption.start)}</span> {caption.text}
            </li>
          ))}
        </ol>
      </div>
    );
  }
  const intro = (
    <p role="status" className="replay-status">
      {state.status === 'loading' ? 'Loading' : state.status === 'failed' ? 'Could not play' : 'Playing'} caller {clipName} from{' '}
      <span className="replay-time">{formatClockTenths(point.fromSeconds)}</span>, {Math.round((point.momentSeconds - point.fromSeconds) * 10) / 10} s before the
      moment at <span className="replay-time">{formatClockTenths(point.momentSeconds)}</span>: {what}
    </p>
  );
  if (state.status === 'loading') return intro;
  if (state.status === 'failed') {
    return (
      <>
        {intro}
        <p role="alert">{state.message}</p>
        {clip && <p>What the caller said: {clip.transcript.map((line) => (line.kind === 'speech' ? line.text : line.caption)).join(' ')}</p>}
      </>
    );
  }
  const duration = state.duration > 0 ? state.duration : (clip?.audio?.durationSeconds ?? 1);
  return (
    <>
      {intro}
      <p className="replay-position">
        <label htmlFor="replay-position">Replay position</label>{' '}
        <progress
          id="replay-position"
          max={duration}
          value={Math.min(state.position, duration)}
          aria-valuetext={`${formatClockTenths(state.position)} of ${formatClockTenths(duration)} in caller ${clipName}`}
        />{' '}
        <span aria-hidden="true" className="replay-time">
          {formatClockTenths(state.position)} / {formatClockTenths(duration)}
        </span>
        {state.status === 'ended' && ' (end of clip)'}
      </p>
      {state.status === 'playing' && (
        <button type="button" className="button" onClick={onPause}>
          Pause replay
        </button>
      )}
      {state.status === 'paused' && (
        <button type="button" className="button" onClick={onResume}>
          Resume replay
        </button>
      )}
    </>
  );
}
