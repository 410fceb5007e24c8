import { useEffect, useRef, useState } from 'react';
import type { Clip, Speaker } from '../../domain/scenario-schema';
import { previewUtterances, type PreviewUtterance } from '../../domain/studio-clip-edit';
import type { DraftClipAudio } from '../../store/studio-records';
import { useFieldState, FieldProblems } from './draft-fields';
import { audioTypeOfFile, decodeAudio, encodeWebm, importedAudioProblem, startRecording, telephoneSound, type Recording } from './clip-audio-processing';

/** Audio ready for a clip, with its decoded length. */
export type NewClipAudio = DraftClipAudio;

/**
 * A clip's audio in the studio: what it has, import a file, record from the microphone, the
 * telephone filter and noise bed, preview (the audio, or the system's speech voice with the
 * captions when there is none), remove.
 */
export function ClipAudio({ clip, index, speakers, audio, onChange }: { clip: Clip; index: number; speakers: readonly Speaker[]; audio: DraftClipAudio | undefined; onChange: (audio: NewClipAudio | undefined) => void }) {
  const { id, messages, errorId } = useFieldState('s', `$.clips[${index}].audio`);
  const [busy, setBusy] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const [recording, setRecording] = useState<Recording | undefined>();
  const [telephone, setTelephone] = useState(true);
  const [noise, setNoise] = useState(false);
  const [caption, setCaption] = useState<string | undefined>();
  const [recordedSeconds, setRecordedSeconds] = useState(0);
  const playing = useRef<HTMLAudioElement | null>(null);
  useEffect(() => () => playing.current?.pause(), []);
  // While recording, the status counts the seconds so far.
  useEffect(() => {
    if (!recording) return;
    const timer = setInterval(() => setRecordedSeconds((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [recording]);

  async function take(bytes: Uint8Array, type: DraftClipAudio['type'], origin: DraftClipAudio['origin'], from: string) {
    setBusy(telephone || noise ? 'Applying the telephone sound…' : 'Reading the audio…');
    try {
      let decoded = await decodeAudio(bytes);
      let stored = bytes;
      let storedType = type;
      if (telephone || noise) {
        decoded = await telephoneSound(decoded, noise);
        stored = await encodeWebm(decoded);
        storedType = 'audio/webm';
      }
      const durationSeconds = Math.round(decoded.duration * 100) / 100;
      onChange({ type: storedType, bytes: stored, durationSeconds, origin, from, telephoneFilter: telephone, noiseBed: noise });
      setStatus(`Clip ${clip.id} has audio: ${durationSeconds.toFixed(2)} s${telephone ? ', telephone filter' : ''}${noise ? ', noise bed' : ''}. Caption timings follow its length.`);
    } catch (error) {
      setStatus(`Clip ${clip.id}: ${error instanceof Error ? error.message : String(error)}. The audio was not added.`);
    } finally {
      setBusy(undefined);
    }
  }

  async function importFile(file: File) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const problem = importedAudioProblem(file.name, bytes);
    const type = audioTypeOfFile(file.name);
    if (problem || !type) {
      setStatus(`Not imported: ${problem ?? 'unknown type'}.`);
      return;
    }
    await take(bytes, type, 'imported', file.name);
  }

  async function toggleRecording() {
    if (recording) {
      setRecording(undefined);
      const bytes = await recording.stop();
      await take(bytes, 'audio/webm', 'recorded', 'microphone');
      return;
    }
    try {
      setRecordedSeconds(0);
      setRecording(await startRecording());
      setStatus('');
    } catch (error) {
      setStatus(`Could not record: ${error instanceof Error ? error.message : String(error)}.`);
    }
  }

  function preview() {
    playing.current?.pause();
    window.speechSynthesis?.cancel();
    const text = clip.transcript.map((line) => (line.kind === 'speech' ? line.text : line.caption)).join(' ');
    setCaption(text);
    if (audio) {
      const url = URL.createObjectURL(new Blob([audio.bytes as Uint8Array<ArrayBuffer>], { type: audio.type }));
      const element = new Audio(url);
      playing.current = element;
      element.onended = () => (URL.revokeObjectURL(url), setCaption(undefined));
      void element.play().catch(() => setStatus('The browser would not play the audio.'));
    } else {
      setStatus(speakWithSystemVoice(clip.id, previewUtterances(clip, speakers), () => setCaption(undefined)));
    }
  }

  const inputId = `${id}-file`;
  return (
    <div id={id} tabIndex={-1} className="studio-audio" aria-describedby={messages.length > 0 ? errorId : undefined}>
      <h3>Audio of clip {clip.id}</h3>
      <p>
        {audio
          ? `${audio.origin === 'recorded' ? 'Recorded' : `Imported from ${audio.from}`}: ${audio.durationSeconds.toFixed(2)} s${audio.telephoneFilter ? ', telephone filter' : ''}${audio.noiseBed ? ', noise bed' : ''}.`
          : 'No audio yet: the preview uses the system\u2019s speech voice where the browser has one, with captions.'}
      </p>
      <FieldProblems id={errorId} messages={messages} />
      <div className="studio-row">
        <label>
          <input type="checkbox" checked={telephone} onChange={(e) => setTelephone(e.target.checked)} /> Telephone filter for clip {clip.id}
        </label>
        <label>
          <input type="checkbox" checked={noise} onChange={(e) => setNoise(e.target.checked)} /> Noise bed for clip {clip.id}
        </label>
      </div>
      <div className="studio-row">
        <label htmlFor={inputId}>Import audio for clip {clip.id} (WebM, Ogg, MP3 or M4A, up to 10 MB)</label>
        <input
          id={inputId}
          type="file"
          accept=".webm,.ogg,.mp3,.m4a,audio/webm,audio/ogg,audio/mpeg,audio/mp4"
          disabled={busy !== undefined}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importFile(file);
          }}
        />
      </div>
      <p className="studio-actions">
        <button type="button" onClick={() => void toggleRecording()} disabled={busy !== undefined}>
          {recording ? `Stop recording clip ${clip.id}` : `Record clip ${clip.id}`}
        </button>{' '}
        <button type="button" onClick={preview}>
          Preview clip {clip.id}
        </button>{' '}
        {audio ? (
          <button type="button" onClick={() => onChange(undefined)}>
            Remove the audio of clip {clip.id}
          </button>
        ) : null}
      </p>
      <p role="status" className="status-message">
        {busy ?? (recording ? `Recording clip ${clip.id}: ${recordedSeconds} s so far. Press Stop recording when done.` : status)}
      </p>
      {caption ? (
        <p className="studio-caption" aria-live="polite">
          Caption: {caption}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Speaks a clip that has no audio yet with the system's speech voice (a British English one when
 * the browser lists one), and says which; without any voice the caption alone previews the line.
 */
function speakWithSystemVoice(clipId: string, utterances: readonly PreviewUtterance[], onEnd: () => void): string {
  if (!('speechSynthesis' in window)) return `This browser has no speech voices: the caption below shows what the caller says in clip ${clipId}.`;
  const voices = window.speechSynthesis.getVoices();
  const voice = voices.find((v) => v.lang === 'en-GB') ?? voices.find((v) => v.lang.startsWith('en'));
  // The lines are queued one after another, each at its own speed and volume; the caption goes with the last.
  utterances.forEach(({ text, rate, volume }, i) => {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = voice?.lang ?? 'en-GB';
    if (voice) utterance.voice = voice;
    utterance.rate = rate;
    utterance.volume = volume;
    if (i === utterances.length - 1) {
      utterance.onend = onEnd;
      utterance.onerror = onEnd;
    }
    window.speechSynthesis.speak(utterance);
  });
  return voices.length === 0
    ? `No speech voice is listed by this browser: the caption below shows what the caller says in clip ${clipId}.`
    : `Previewing clip ${clipId} with the system voice ${voice?.name ?? voices[0]?.name ?? ''}, with its caption. Record or import audio for the real call.`;
}
