import type { Scenario } from '../../domain/scenario-schema';
import { shoutVoiceOf } from './render-clip';
import { engineCommands } from './synth-commands';

/** A program the voice pipeline runs, and the Debian package that provides it. */
export interface RequiredTool {
  readonly binary: string;
  readonly debianPackage: string;
  /** Why this scenario needs it, in a few words. */
  readonly reason: string;
}

/** The Debian packages of each engine's program. */
const enginePackages = { flite: 'flite', festival: 'festival', 'espeak-ng': 'espeak-ng' } as const;

/** festival voices the pipeline knows the Debian package of. */
export const festivalVoicePackages: Readonly<Record<string, string>> = {
  cmu_us_slt_arctic_hts: 'festvox-us-slt-hts',
  kal_diphone: 'festvox-kallpc16k',
  ked_diphone: 'festvox-kdlpc16k',
};

/** Every Debian package the pipeline can use, for the README and for a first-time install hint. */
export const allDebianPackages = ['sox', 'libsox-fmt-all', 'ffmpeg', 'flite', 'festival', 'festvox-us-slt-hts', 'espeak-ng'] as const;

/**
 * The programs rendering this scenario runs: sox and soxi (always), ffmpeg (always), and the
 * engine of every speaker who speaks, or whose voice shouts behind a wall in a muffled-shouting
 * sound. Each binary is listed once, in that order.
 */
export function requiredTools(scenario: Scenario): RequiredTool[] {
  const tools: RequiredTool[] = [
    { binary: 'sox', debianPackage: 'sox', reason: 'mixing, filtering and sound effects' },
    { binary: 'soxi', debianPackage: 'sox', reason: 'measuring segment durations' },
    { binary: 'ffmpeg', debianPackage: 'ffmpeg', reason: 'encoding WebM (Opus) and MP3' },
  ];
  const add = (tool: RequiredTool): void => {
    if (!tools.some((existing) => existing.binary === tool.binary)) tools.push(tool);
  };
  const speaking = new Set<string>();
  let shouts = false;
  for (const clip of scenario.clips) {
    for (const line of clip.transcript) {
      if (line.kind === 'speech') speaking.add(line.speaker);
      else if (line.sound === 'muffled-shouting') shouts = true;
    }
  }
  const voices = scenario.speakers.filter((speaker) => speaking.has(speaker.id)).map((speaker) => ({ voice: speaker.voice, reason: `the voice of ${speaker.label}` }));
  if (shouts) voices.push({ voice: shoutVoiceOf(scenario.speakers) ?? { engine: 'flite', voice: 'awb' }, reason: 'muffled shouting' });
  for (const { voice, reason } of voices) {
    add({ binary: engineCommands[voice.engine], debianPackage: enginePackages[voice.engine], reason });
    if (voice.engine === 'festival') add({ binary: 'festival', debianPackage: 'festival', reason: 'reading the festival version' });
  }
  return tools;
}

/** festival voices this scenario speaks with, once each. */
export function festivalVoicesUsed(scenario: Scenario): string[] {
  const voices = new Set<string>();
  const speaking = new Set(scenario.clips.flatMap((clip) => clip.transcript.flatMap((line) => (line.kind === 'speech' ? [line.speaker] : []))));
  for (const speaker of scenario.speakers) {
    if (speaker.voice.engine === 'festival' && speaking.has(speaker.id)) voices.add(speaker.voice.voice);
  }
  const shout = shoutVoiceOf(scenario.speakers);
  const shouts = scenario.clips.some((clip) => clip.transcript.some((line) => line.kind === 'sound' && line.sound === 'muffled-shouting'));
  if (shouts && shout?.engine === 'festival') voices.add(shout.voice);
  return [...voices];
}

/** The message for a program that is not on PATH, naming what to install. */
export function missingToolMessage(tool: RequiredTool): string {
  return `${tool.binary} is not installed (needed for ${tool.reason}): install the Debian package with "apt-get install ${tool.debianPackage}"`;
}

/** The message for a festival voice that is not installed. */
export function missingFestivalVoiceMessage(voice: string): string {
  const debianPackage = festivalVoicePackages[voice];
  return debianPackage
    ? `festival voice ${voice} is not installed: install the Debian package with "apt-get install ${debianPackage}"`
    : `festival voice ${voice} is not installed, and the voice pipeline does not know which Debian package provides it (festvox-*)`;
}
