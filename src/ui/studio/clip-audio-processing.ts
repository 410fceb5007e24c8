// Browser audio work for the studio: reading a clip's length, the telephone filter and noise bed
// (OfflineAudioContext), and re-encoding to WebM/Opus (MediaRecorder). Not unit-tested (Node has
// no Web Audio); the studio's browser test imports and records real audio through it.
import { mediaContentMismatch } from '../../domain/pack-layout';
import { AUDIO_EXTENSION, type AudioSource } from '../../domain/studio-draft';
import { MAX_CLIP_AUDIO_BYTES } from '../../store/studio-records';

type AudioType = AudioSource['type'];

/** The audio type of an imported file, from its name (the browser's MIME guess is not trusted alone). */
export function audioTypeOfFile(name: string): AudioType | undefined {
  const extension = name.toLowerCase().split('.').at(-1) ?? '';
  const found = Object.entries(AUDIO_EXTENSION).find(([, ext]) => ext === extension);
  return found?.[0] as AudioType | undefined;
}

/** Why an imported audio file is refused (type, size, content), or undefined when it may be used. */
export function importedAudioProblem(name: string, bytes: Uint8Array): string | undefined {
  const type = audioTypeOfFile(name);
  if (!type) return `"${name}" is not a WebM, Ogg, MP3 or M4A audio file`;
  if (bytes.byteLength === 0) return `"${name}" is empty`;
  if (bytes.byteLength > MAX_CLIP_AUDIO_BYTES) return `"${name}" is ${(bytes.byteLength / (1024 * 1024)).toFixed(1)} MB; a clip's audio may be at most ${MAX_CLIP_AUDIO_BYTES / (1024 * 1024)} MB`;
  const mismatch = mediaContentMismatch(AUDIO_EXTENSION[type], bytes);
  return mismatch ? `"${name}": ${mismatch}` : undefined;
}

function audioContext(): AudioContext {
  return new AudioContext();
}

/** Decodes compressed audio; rejects with a plain message when the browser cannot. */
export async function decodeAudio(bytes: Uint8Array): Promise<AudioBuffer> {
  const context = audioContext();
  try {
    return await context.decodeAudioData(bytes.slice().buffer);
  } catch {
    throw new Error('the browser could not decode this audio');
  } finally {
    void context.close();
  }
}

/**
 * The telephone filter (band-pass about 300 to 3400 Hz, two poles each side) and, optionally, a
 * faint noise bed, rendered with an OfflineAudioContext at 16 kHz mono.
 */
export async function telephoneSound(input: AudioBuffer, noiseBed: boolean): Promise<AudioBuffer> {
  const sampleRate = 16000;
  const offline = new OfflineAudioContext(1, Math.max(1, Math.ceil(input.duration * sampleRate)), sampleRate);
  const source = offline.createBufferSource();
  source.buffer = input;
  let node: AudioNode = source;
  for (const [type, frequency] of [['highpass', 300], ['highpass', 300], ['lowpass', 3400], ['lowpass', 3400]] as const) {
    const filter = offline.createBiquadFilter();
    filter.type = type;
    filter.frequency.value = frequency;
    node.connect(filter);
    node = filter;
  }
  node.connect(offline.destination);
  source.start();
  if (noiseBed) {
    const noise = offline.createBuffer(1, offline.length, sampleRate);
    const data = noise.getChannelData(0);
    let brown = 0;
    for (let i = 0; i < data.length; i += 1) {
      brown = (brown + 0.02 * (Math.random() * 2 - 1)) / 1.02;
      data[i] = brown * 3.5;
    }
    const noiseSource = offline.createBufferSource();
    noiseSource.buffer = noise;
    const gain = offline.createGain();
    gain.gain.value = 0.03;
    noiseSource.connect(gain).connect(offline.destination);
    noiseSource.start();
  }
  return offline.startRendering();
}

/** The WebM/Opus type MediaRecorder writes here, or undefined where it cannot. */
export function webmRecordingType(): string | undefined {
  if (typeof MediaRecorder === 'undefined') return undefined;
  return ['audio/webm;codecs=opus', 'audio/webm'].find((type) => MediaRecorder.isTypeSupported(type));
}

/**
 * Re-encodes rendered audio as WebM/Opus by playing it into a MediaRecorder (it takes as long as
 * the clip). The only encoder every Chromium has; rejects where MediaRecorder cannot write WebM.
 */
export async function encodeWebm(buffer: AudioBuffer): Promise<Uint8Array> {
  const mimeType = webmRecordingType();
  if (!mimeType) throw new Error('this browser cannot encode WebM audio, so the filtered sound cannot be stored');
  const context = audioContext();
  await context.resume();
  const destination = context.createMediaStreamDestination();
  const source = context.createBufferSource();
  source.buffer = buffer;
  source.connect(destination);
  const recorder = new MediaRecorder(destination.stream, { mimeType });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
  recorder.start();
  source.onended = () => recorder.stop();
  source.start();
  await stopped;
  void context.close();
  return new Uint8Array(await new Blob(chunks, { type: 'audio/webm' }).arrayBuffer());
}

/** A microphone recording in progress; `stop()` resolves with the WebM bytes. */
export interface Recording {
  stop(): Promise<Uint8Array>;
}

/** Starts recording from the microphone (the browser asks permission). */
export async function startRecording(): Promise<Recording> {
  const mimeType = webmRecordingType();
  if (!mimeType) throw new Error('this browser cannot record WebM audio');
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  const recorder = new MediaRecorder(stream, { mimeType });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  recorder.start();
  return {
    stop: () =>
      new Promise<Uint8Array>((resolve, reject) => {
        recorder.onstop = () => {
          stream.getTracks().forEach((track) => track.stop());
          new Blob(chunks, { type: 'audio/webm' }).arrayBuffer().then((b) => resolve(new Uint8Array(b)), reject);
        };
        recorder.stop();
      }),
  };
}
