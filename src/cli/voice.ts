/**
 * `npm run voice <scenario-id-or-path> [more...]`: renders every clip of each scenario to
 * assets/audio/<scenario-id>/<clip-id>.webm and .mp3 with local speech engines and sox, and writes
 * audio, captions and provenance back into its scenario.json. The decisions live in src/cli/voice/
 * as pure functions; this file is the shell that runs programs and touches files.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FormatError, formatProblem } from '../domain/problem';
import { isTextClip, parseScenario, type Scenario } from '../domain/scenario-schema';
import { readJsonFile } from './scenario-files';
import { describeCommand, type CommandOutput, type CommandRunner, type CommandSpec } from './voice/command-spec';
import { checkVoices, type EngineName } from './voice/delivery-mapping';
import { listEncodersCommand, missingEncoders } from './voice/encode-commands';
import { renderClip, type ClipRenderResult, type ToolVersions } from './voice/render-clip';
import { festivalVoicesUsed, missingFestivalVoiceMessage, missingToolMessage, requiredTools } from './voice/required-tools';
import { serialiseScenario, writeBackClips } from './voice/scenario-write-back';
import { parseSoxVersion, soxVersionCommand } from './voice/sox-commands';
import { engineVersionCommand, parseEngineVersion } from './voice/synth-commands';
import { parseVoiceArguments, scenarioFileFor, VOICE_USAGE } from './voice/voice-arguments';

/** Runs programs without a shell, feeding stdin and collecting output; rejects on a non-zero exit. */
export const processRunner: CommandRunner = {
  run(spec: CommandSpec): Promise<CommandOutput> {
    return new Promise((resolve, reject) => {
      const child = spawn(spec.command, [...spec.args], { stdio: ['pipe', 'pipe', 'pipe'] });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.on('error', (error) => reject(new Error(`${describeCommand(spec)}: ${error.message}`)));
      child.on('close', (code, signal) => {
        const output = { stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') };
        if (code !== null && (spec.okExitCodes ?? [0]).includes(code)) resolve(output);
        else reject(new Error(`${describeCommand(spec)} failed (${signal ?? `exit ${code}`}): ${output.stderr.trim().split('\n').slice(-5).join(' | ')}`));
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(spec.stdin ?? '');
    });
  },
};

/** Whether `binary` is an executable file in a PATH folder. */
function onPath(binary: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, binary), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Whether a festival voice is installed (Debian keeps them in /usr/share/festival/voices/<language>/<voice>). */
function festivalVoiceInstalled(voice: string): boolean {
  return ['/usr/share/festival/voices', '/usr/lib/festival/voices'].some((root) => {
    try {
      return fs.readdirSync(root).some((language) => fs.existsSync(path.join(root, language, voice)));
    } catch {
      return false;
    }
  });
}

/** Everything missing to render this scenario, as messages naming the Debian package to install. */
async function missingTools(scenario: Scenario, runner: CommandRunner): Promise<string[]> {
  const missing = requiredTools(scenario).filter((tool) => !onPath(tool.binary)).map(missingToolMessage);
  if (missing.length === 0) {
    const lacking = missingEncoders((await runner.run(listEncodersCommand)).stdout);
    if (lacking.length > 0) missing.push(`ffmpeg has no ${lacking.join(' or ')} encoder: install Debian's ffmpeg package ("apt-get install ffmpeg")`);
    for (const voice of festivalVoicesUsed(scenario)) if (!festivalVoiceInstalled(voice)) missing.push(missingFestivalVoiceMessage(voice));
  }
  return missing;
}

async function toolVersions(scenario: Scenario, runner: CommandRunner): Promise<ToolVersions> {
  const engines: Partial<Record<EngineName, string>> = {};
  const used = new Set<EngineName>(scenario.speakers.map((speaker) => speaker.voice.engine));
  used.add('flite');
  for (const engine of used) {
    if (engine !== 'flite' && !onPath(engine)) continue;
    try {
      const output = await runner.run(engineVersionCommand(engine));
      engines[engine] = parseEngineVersion(engine, `${output.stdout}\n${output.stderr}`);
    } catch {
      // An engine that cannot say its version is still named in provenance, without one.
    }
  }
  const sox = await runner.run(soxVersionCommand);
  return { engines, sox: parseSoxVersion(`${sox.stdout}\n${sox.stderr}`) };
}

/** A path as printed: relative to the repository when inside it, absolute otherwise. */
function displayPath(root: string, file: string): string {
  const relative = path.relative(root, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-GB')} B`;
}

function formatLevel(dbfs: number): string {
  return Number.isFinite(dbfs) ? `${dbfs.toFixed(1)} dBFS` : 'n/a';
}

/** Totals over every scenario rendered in one run. */
interface Totals {
  clips: number;
  seconds: number;
  bytes: Record<string, number>;
}

/** Renders one scenario; returns false (after printing why) when it could not. */
async function renderScenario(arg: string, root: string, assetsDir: string, runner: CommandRunner, print: (line: string) => void, totals: Totals): Promise<boolean> {
  const file = scenarioFileFor(arg, root);
  const shown = displayPath(root, file);
  const read = readJsonFile(file);
  if (read.problem) {
    print(`✗ ${formatProblem({ ...read.problem, file: shown })}`);
    return false;
  }
  let scenario: Scenario;
  try {
    scenario = parseScenario(read.json, shown);
    const problems = checkVoices(scenario, shown);
    if (problems.length > 0) throw new FormatError(problems);
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    print(`✗ ${shown} is not a valid scenario:`);
    for (const problem of error.problems) print(`  ${formatProblem(problem)}`);
    return false;
  }
  if (scenario.clips.every(isTextClip)) {
    print(`${scenario.id} (${shown}): a text contact, shown as messages: no audio to render`);
    return true;
  }
  const missing = await missingTools(scenario, runner);
  if (missing.length > 0) {
    print(`✗ ${shown}: cannot render here:`);
    for (const message of missing) print(`  ${message}`);
    return false;
  }

  const versions = await toolVersions(scenario, runner);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'call-trainer-voice-'));
  try {
    const stagingDir = path.join(workDir, 'out');
    fs.mkdirSync(stagingDir);
    print(`${scenario.id} (${shown}): ${scenario.clips.length} clips`);
    const results: ClipRenderResult[] = [];
    for (const [clipIndex, clip] of scenario.clips.entries()) {
      const result = await renderClip({ scenario, clip, clipIndex, workDir, outputDir: stagingDir, runner, versions });
      results.push(result);
      const sizes = result.files.map((encoded) => `${path.extname(encoded).slice(1)} ${formatBytes(fs.statSync(encoded).size)}`);
      const quietest = Math.min(...result.lineRmsDbfs.filter((level, index) => clip.transcript[index]?.kind === 'speech' && Number.isFinite(level)));
      print(
        `  ${clip.id.padEnd(24)} ${result.rendered.audio.durationSeconds.toFixed(3).padStart(7)} s  ${sizes.join('  ')}  ` +
          `rms ${formatLevel(result.rmsDbfs)}, quietest speech ${formatLevel(quietest)}, bed ${formatLevel(result.bedRmsDbfs)}`,
      );
    }

    const updated = writeBackClips(read.json as Record<string, unknown>, results.map((result) => result.rendered));
    parseScenario(updated, shown);
    const outputDir = path.join(assetsDir, 'audio', scenario.id);
    fs.mkdirSync(outputDir, { recursive: true });
    let seconds = 0;
    const bytes: Record<string, number> = {};
    for (const result of results) {
      seconds += result.rendered.audio.durationSeconds;
      for (const staged of result.files) {
        fs.copyFileSync(staged, path.join(outputDir, path.basename(staged)));
        const extension = path.extname(staged).slice(1);
        bytes[extension] = (bytes[extension] ?? 0) + fs.statSync(staged).size;
      }
    }
    const text = serialiseScenario(updated);
    const before = fs.readFileSync(file, 'utf8');
    const unchanged = before === text;
    const reformatted = before !== serialiseScenario(read.json);
    if (!unchanged) fs.writeFileSync(file, text);
    totals.clips += results.length;
    totals.seconds += seconds;
    for (const [extension, count] of Object.entries(bytes)) totals.bytes[extension] = (totals.bytes[extension] ?? 0) + count;
    const byFormat = Object.entries(bytes).map(([extension, count]) => `${extension} ${formatBytes(count)}`);
    print(`  ${scenario.id}: ${results.length} clips, ${seconds.toFixed(3)} s, ${byFormat.join(', ')} -> ${displayPath(root, outputDir)}/; ${shown} ${unchanged ? 'unchanged' : 'updated'}${reformatted ? ' (reformatted as 2-space JSON)' : ''}`);
    return true;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** The whole command: returns the exit code (0 when every scenario rendered). */
export async function runVoice(argv: readonly string[], root: string, print: (line: string) => void, runner: CommandRunner = processRunner): Promise<number> {
  const args = parseVoiceArguments(argv);
  if ('error' in args) {
    print(`npm run voice: ${args.error}\n\n${VOICE_USAGE}`);
    return 2;
  }
  if (args.help) {
    print(VOICE_USAGE);
    return 0;
  }
  const assetsDir = path.resolve(root, args.assetsDir ?? 'assets');
  const totals: Totals = { clips: 0, seconds: 0, bytes: {} };
  let failed = 0;
  for (const arg of args.scenarios) {
    try {
      if (!(await renderScenario(arg, root, assetsDir, runner, print, totals))) failed += 1;
    } catch (error) {
      failed += 1;
      print(`✗ ${arg}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const byFormat = Object.entries(totals.bytes).map(([extension, count]) => `${extension} ${formatBytes(count)}`);
  const allBytes = Object.values(totals.bytes).reduce((sum, count) => sum + count, 0);
  print(`Total: ${totals.clips} clips, ${totals.seconds.toFixed(3)} s, ${formatBytes(allBytes)} (${byFormat.join(', ') || 'nothing written'}); ${args.scenarios.length - failed} rendered, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (invokedDirectly) {
  process.exitCode = await runVoice(process.argv.slice(2), process.cwd(), (line) => console.log(line));
}
