import path from 'node:path';
import type { Clip, Scenario, Speaker } from '../../domain/scenario-schema';
import { captionsFor, checkCaptionsAgainstAudio, layoutTimeline, type Timeline, type TimelineItem } from './caption-timing';
import type { CommandRunner, CommandSpec } from './command-spec';
import { planSpeech, resolveDelivery, type EngineName, type VoiceSpec } from './delivery-mapping';
import { encodeCommand, encodedFormats } from './encode-commands';
import { audioSources, filtersDescription, PIPELINE_TOOL, type RenderedClip } from './scenario-write-back';
import {
  bedGain,
  conformSpeechCommand,
  durationCommand,
  gainAndFadeCommand,
  masterCommand,
  mixCommand,
  noiseBedCommand,
  parseDuration,
  parseSoxStat,
  placeCommand,
  statCommand,
  telephoneChainCommand,
  toDbfs,
  speechLevelGain,
  trimCommand,
  whisperFinishCommand,
  whisperMultiplyCommand,
  whisperNoiseCommand,
} from './sox-commands';
import { soundRecipe } from './sound-recipes';
import { engineLabel, synthCommand } from './synth-commands';

/** Extra gain on a sound mixed under the previous line, so the line stays on top (about -3 dB). */
export const UNDER_PREVIOUS_GAIN = 0.7;

/** Versions of the programs that made the audio, for provenance ("2.2", "14.4.2"). */
export interface ToolVersions {
  readonly engines: Partial<Record<EngineName, string>>;
  readonly sox: string | undefined;
}

/** Everything renderClip needs; it touches the file system only through the commands it runs. */
export interface RenderClipContext {
  readonly scenario: Scenario;
  readonly clip: Clip;
  /** Position of the clip in the scenario (varies the random details of sounds). */
  readonly clipIndex: number;
  /** Scratch folder, removed by the caller. */
  readonly workDir: string;
  /** Folder that receives `<clip-id>.webm` and `<clip-id>.mp3` (assets/audio/<scenario-id>). */
  readonly outputDir: string;
  readonly runner: CommandRunner;
  readonly versions: ToolVersions;
}

/** A rendered clip: what goes into scenario.json, the files written, and levels for the summary. */
export interface ClipRenderResult {
  readonly rendered: RenderedClip;
  /** Absolute paths of the encoded files, WebM first. */
  readonly files: readonly string[];
  readonly timeline: Timeline;
  /** RMS level of the whole clip master, dBFS. */
  readonly rmsDbfs: number;
  /** RMS level of each transcript line's stretch of the master, dBFS (the "is it audible" check). */
  readonly lineRmsDbfs: readonly number[];
  /** RMS level of the master before the first line, i.e. the noise bed alone, dBFS. */
  readonly bedRmsDbfs: number;
}

/** The voice a muffled-shouting sound uses: the scenario's first background speaker, if any. */
export function shoutVoiceOf(speakers: readonly Speaker[]): VoiceSpec | undefined {
  return speakers.find((speaker) => speaker.role === 'background')?.voice;
}

/** The engines that speak in a clip, as provenance lists them ("flite 2.2 (slt)"), in first-use order. */
export function clipEngineLabels(clip: Clip, speakers: readonly Speaker[], versions: ToolVersions): string[] {
  const labels: string[] = [];
  const add = (label: string): void => {
    if (!labels.includes(label)) labels.push(label);
  };
  for (const line of clip.transcript) {
    if (line.kind === 'speech') {
      const voice = speakers.find((speaker) => speaker.id === line.speaker)?.voice;
      if (voice) add(engineLabel(voice.engine, versions.engines[voice.engine], voice.voice));
    } else if (line.sound === 'muffled-shouting') {
      const voice = shoutVoiceOf(speakers) ?? { engine: 'flite', voice: 'awb' };
      add(engineLabel(voice.engine, versions.engines[voice.engine], voice.voice));
    }
  }
  if (clip.transcript.some((line) => line.kind === 'sound' && line.sound !== 'silence')) {
    add(`sox${versions.sox ? ` ${versions.sox}` : ''} (synthesised sounds)`);
  }
  return labels;
}

/**
 * Renders one clip: synthesises every line into its own segment (speech trimmed, levelled in the
 * telephone band and given its delivery's volume; every segment faded), measures each, lays them out, mixes them, runs the telephone chain, lays the noise bed
 * under it, encodes WebM and MP3 into the output folder, and returns the audio, captions and
 * provenance to write back. Throws when the captions would not fit the measured audio.
 */
export async function renderClip(context: RenderClipContext): Promise<ClipRenderResult> {
  const { scenario, clip, runner, workDir } = context;
  const run = (spec: CommandSpec) => runner.run(spec);
  const measure = async (file: string): Promise<number> => parseDuration((await run(durationCommand(file))).stdout);
  const stat = async (file: string, options?: Parameters<typeof statCommand>[1]) => {
    const output = await run(statCommand(file, options));
    return parseSoxStat(`${output.stderr}\n${output.stdout}`);
  };
  const work = (name: string): string => path.join(workDir, `${clip.id}-${name}`);
  const speakers = new Map(scenario.speakers.map((speaker) => [speaker.id, speaker]));

  let usesSoxWhisper = false;
  let usesRoom = false;
  const items: TimelineItem[] = [];
  const segmentFiles: string[] = [];
  for (const [index, line] of clip.transcript.entries()) {
    const segment = work(`${index}-segment.wav`);
    if (line.kind === 'speech') {
      const speaker = speakers.get(line.speaker);
      if (!speaker) throw new Error(`clip "${clip.id}" line ${index}: no speaker "${line.speaker}"`);
      const plan = planSpeech(resolveDelivery(speaker.voice, line.delivery));
      const raw = work(`${index}-raw.wav`);
      const conformed = work(`${index}-conformed.wav`);
      await run(synthCommand(plan.settings, line.text, raw));
      await run(conformSpeechCommand(raw, conformed, plan.pitchShiftCents));
      let voiced = conformed;
      if (plan.soxWhisper) {
        usesSoxWhisper = true;
        const noise = work(`${index}-whisper-noise.wav`);
        const multiplied = work(`${index}-whisper-multiplied.wav`);
        voiced = work(`${index}-whisper.wav`);
        await run(whisperNoiseCommand(await measure(conformed), noise));
        await run(whisperMultiplyCommand(conformed, noise, multiplied));
        await run(whisperFinishCommand(multiplied, conformed, voiced));
      }
      const inRoom = speaker.role === 'background';
      usesRoom ||= inRoom;
      const trimmed = work(`${index}-trimmed.wav`);
      await run(trimCommand(voiced, trimmed, inRoom));
      const level = speechLevelGain(await stat(trimmed, { lineBand: true }), await stat(trimmed));
      await run(gainAndFadeCommand(trimmed, segment, Math.round(level * plan.gain * 1e6) / 1e6));
      items.push({ durationSeconds: await measure(segment), pauseBefore: line.pauseBefore });
    } else {
      const sound = work(`${index}-sound.wav`);
      const recipe = soundRecipe(line.sound, line.durationSeconds, sound, {
        workFile: (name) => work(`${index}-${name}`),
        seed: context.clipIndex * 1000 + index + 1,
        shoutVoice: shoutVoiceOf(scenario.speakers),
      });
      for (const step of recipe) await run(step);
      const underPrevious = line.underPrevious === true && index > 0;
      await run(gainAndFadeCommand(sound, segment, underPrevious ? UNDER_PREVIOUS_GAIN : 1));
      items.push({ durationSeconds: await measure(segment), pauseBefore: line.pauseBefore, underPrevious });
    }
    segmentFiles.push(segment);
  }

  const timeline = layoutTimeline(items);
  const placed: string[] = [];
  for (const [index, segment] of timeline.segments.entries()) {
    const file = work(`${index}-placed.wav`);
    await run(placeCommand(segmentFiles[index] ?? '', file, segment.audioStart));
    placed.push(file);
  }
  const latestAudioEnd = Math.max(...timeline.segments.map((segment) => segment.audioEnd));
  const mixed = work('mix.wav');
  await run(mixCommand(placed, mixed, Math.max(0, timeline.totalSeconds - latestAudioEnd)));

  const phone = work('phone.wav');
  await run(telephoneChainCommand(mixed, phone));
  const bed = work('bed.wav');
  await run(noiseBedCommand(await measure(phone), bed));
  const master = work('master.wav');
  await run(masterCommand(phone, bed, bedGain((await stat(bed)).rmsAmplitude), master));

  const durationSeconds = Math.round((await measure(master)) * 1000) / 1000;
  const captions = captionsFor(clip.transcript, timeline, scenario.speakers);
  const problems = checkCaptionsAgainstAudio(captions, durationSeconds);
  if (problems.length > 0) throw new Error(`clip "${clip.id}": ${problems.join('; ')}`);

  const rmsDbfs = toDbfs((await stat(master)).rmsAmplitude);
  const lineRmsDbfs: number[] = [];
  for (const segment of timeline.segments) {
    const level = await stat(master, { start: segment.audioStart, length: Math.max(0.01, segment.audioEnd - segment.audioStart) });
    lineRmsDbfs.push(toDbfs(level.rmsAmplitude));
  }
  const firstStart = timeline.segments[0]?.audioStart ?? 0;
  const bedRmsDbfs = firstStart >= 0.1 ? toDbfs((await stat(master, { start: 0, length: firstStart - 0.02 })).rmsAmplitude) : Number.NaN;

  const files: string[] = [];
  for (const format of encodedFormats) {
    const file = path.join(context.outputDir, `${clip.id}.${format.extension}`);
    await run(encodeCommand(format, master, file));
    files.push(file);
  }

  return {
    rendered: {
      clipId: clip.id,
      audio: { sources: audioSources(scenario.id, clip.id), durationSeconds },
      captions,
      provenance: {
        kind: 'synthesised',
        tool: PIPELINE_TOOL,
        engines: clipEngineLabels(clip, scenario.speakers, context.versions),
        filters: filtersDescription(context.versions.sox, { soxWhisper: usesSoxWhisper, backgroundRoom: usesRoom }),
      },
    },
    files,
    timeline,
    rmsDbfs,
    lineRmsDbfs,
    bedRmsDbfs,
  };
}
