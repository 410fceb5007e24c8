import path from 'node:path';

/** How `npm run voice` is called. */
export const VOICE_USAGE = [
  'Usage: npm run voice -- <scenario-id-or-path> [more...] [--assets-dir <dir>]',
  '',
  '  <scenario-id>     a folder name under scenarios/, e.g. dv-whispered-999',
  '  <path>            a scenario folder or its scenario.json',
  '  --assets-dir DIR  where audio/<scenario-id>/ is written (default: assets)',
  '',
  'Renders every clip of each scenario to assets/audio/<scenario-id>/<clip-id>.webm and .mp3 and',
  'writes audio, captions and provenance back into the scenario.json.',
].join('\n');

/** What the command line asked for. */
export interface VoiceArguments {
  readonly scenarios: readonly string[];
  /** Folder holding audio/<scenario-id>/; undefined for the repository's assets/. */
  readonly assetsDir: string | undefined;
  readonly help: boolean;
}

/** Reads the command line; returns an error message instead of throwing. */
export function parseVoiceArguments(argv: readonly string[]): VoiceArguments | { readonly error: string } {
  const scenarios: string[] = [];
  let assetsDir: string | undefined;
  let help = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--assets-dir') {
      const value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) return { error: '--assets-dir needs a folder' };
      assetsDir = value;
      index += 1;
    } else if (arg.startsWith('--assets-dir=')) assetsDir = arg.slice('--assets-dir='.length);
    else if (arg.startsWith('-')) return { error: `unknown option ${arg}` };
    else scenarios.push(arg);
  }
  if (!help && scenarios.length === 0) return { error: 'name at least one scenario' };
  return { scenarios, assetsDir, help };
}

/**
 * The scenario.json a command-line argument means: a bare id ("dv-whispered-999") is
 * scenarios/<id>/scenario.json under `root`; anything with a slash or ending in .json is a path
 * (a folder means its scenario.json).
 */
export function scenarioFileFor(arg: string, root: string): string {
  const looksLikePath = arg.includes('/') || arg.includes(path.sep) || arg.endsWith('.json') || arg === '.' || arg === '..';
  if (!looksLikePath) return path.join(root, 'scenarios', arg, 'scenario.json');
  const absolute = path.resolve(root, arg);
  return absolute.endsWith('.json') ? absolute : path.join(absolute, 'scenario.json');
}
