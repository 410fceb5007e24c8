import type { CommandSpec } from './command-spec';
import type { EngineName, EngineSettings } from './delivery-mapping';

/** The program each engine is run through. */
export const engineCommands: Readonly<Record<EngineName, string>> = {
  flite: 'flite',
  festival: 'text2wave',
  'espeak-ng': 'espeak-ng',
};

/** Collapses runs of white space so a line of text reaches the engine as one utterance. */
export function speechText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * flite: `flite -voice V --setf duration_stretch=S [--setf int_f0_target_mean=F] -t TEXT -o OUT`.
 * Writes 16 kHz mono WAV.
 */
export function fliteCommand(settings: Extract<EngineSettings, { engine: 'flite' }>, text: string, outFile: string): CommandSpec {
  const args = ['-voice', settings.voice, '--setf', `duration_stretch=${settings.durationStretch}`];
  if (settings.f0TargetMean !== undefined) args.push('--setf', `int_f0_target_mean=${settings.f0TargetMean}`);
  args.push('-t', speechText(text), '-o', outFile);
  return { command: engineCommands.flite, args };
}

/**
 * festival through text2wave, text on standard input: selects the voice, then sets hts_engine's
 * `-r` speed (HTS voices) or `Duration_Stretch` (others). The voice name is checked against
 * `[a-z0-9_]+` before it reaches the Scheme expression.
 */
export function festivalCommand(settings: Extract<EngineSettings, { engine: 'festival' }>, text: string, outFile: string): CommandSpec {
  if (!/^[a-z0-9_]+$/.test(settings.voice)) throw new Error(`unsafe festival voice name "${settings.voice}"`);
  const args = ['-o', outFile, '-eval', `(voice_${settings.voice})`];
  if (settings.htsSpeed !== undefined && settings.htsSpeed !== 1) {
    args.push('-eval', `(set! hts_engine_params (append hts_engine_params (list (list "-r" ${settings.htsSpeed}))))`);
  }
  if (settings.durationStretch !== undefined && settings.durationStretch !== 1) {
    args.push('-eval', `(Parameter.set 'Duration_Stretch ${settings.durationStretch})`);
  }
  return { command: engineCommands.festival, args, stdin: `${speechText(text)}\n` };
}

/** espeak-ng: `espeak-ng -v V -s WPM [-p P] -w OUT --stdin`, text on standard input. */
export function espeakCommand(settings: Extract<EngineSettings, { engine: 'espeak-ng' }>, text: string, outFile: string): CommandSpec {
  const args = ['-v', settings.voice, '-s', String(settings.wordsPerMinute)];
  if (settings.pitch !== undefined) args.push('-p', String(settings.pitch));
  args.push('-w', outFile, '--stdin');
  return { command: engineCommands['espeak-ng'], args, stdin: `${speechText(text)}\n` };
}

/** The synthesis command for any engine. */
export function synthCommand(settings: EngineSettings, text: string, outFile: string): CommandSpec {
  switch (settings.engine) {
    case 'flite':
      return fliteCommand(settings, text, outFile);
    case 'festival':
      return festivalCommand(settings, text, outFile);
    case 'espeak-ng':
      return espeakCommand(settings, text, outFile);
  }
}

/** The command that prints an engine's version (read by {@link parseEngineVersion}). */
export function engineVersionCommand(engine: EngineName): CommandSpec {
  switch (engine) {
    case 'flite':
      return { command: 'flite', args: ['--version'], okExitCodes: [0, 1] };
    case 'festival':
      return { command: 'festival', args: ['--version'] };
    case 'espeak-ng':
      return { command: 'espeak-ng', args: ['--version'] };
  }
}

/**
 * The version number in an engine's `--version` output ("flite-2.2-current" gives "2.2",
 * "Festival Speech Synthesis System: 2.5.0:release" gives "2.5.0", "eSpeak NG text-to-speech: 1.51"
 * gives "1.51"); undefined when none is found.
 */
export function parseEngineVersion(engine: EngineName, output: string): string | undefined {
  const patterns: Record<EngineName, RegExp> = {
    flite: /flite-(\d+(?:\.\d+)+)/i,
    festival: /System:\s*(\d+(?:\.\d+)+)/i,
    'espeak-ng': /text-to-speech:\s*(\d+(?:\.\d+)+)/i,
  };
  return patterns[engine].exec(output)?.[1];
}

/** How provenance names an engine and voice, e.g. "flite 2.2 (slt)". */
export function engineLabel(engine: EngineName, version: string | undefined, voice: string): string {
  return `${engine}${version ? ` ${version}` : ''} (${voice})`;
}
