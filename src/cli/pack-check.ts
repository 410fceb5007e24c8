/**
 * `npm run pack:check -- <file.zip>`: reads a pack exactly as the studio's import will
 * (`readPack` in the domain, with the repository's force policies) and prints its report: what
 * would be added, and each refusal as `file path: reason`. Exits 1 if anything is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_PACK_LIMITS } from '../domain/pack-layout';
import { readPack, type PackReport } from '../domain/pack-read';
import { formatProblem } from '../domain/problem';
import { loadForcePolicies } from './scenario-files';

/** Pack text is untrusted: control characters (terminal escapes) are shown, not sent. */
function printable(text: string): string {
  return [...text].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : c)).join('');
}

/** The report as lines of text, the way `pack:check` prints it. */
export function packReportLines(report: PackReport): string[] {
  const lines: string[] = [];
  if (report.about) lines.push(`Pack "${printable(report.about.title)}" by ${printable(report.about.author)}, made ${printable(report.about.createdAt)}`);
  for (const added of report.added) lines.push(`✓ ${added.id} (version ${added.version}): ${printable(added.title)}, ${added.files.length} files`);
  for (const refusal of report.refused) {
    lines.push(`✗ ${refusal.subject} ${printable(refusal.name)}`);
    for (const problem of refusal.problems) lines.push(`  ${printable(formatProblem(problem))}`);
  }
  const verdict = { accepted: 'accepted', 'partly-accepted': 'partly accepted: some scenarios refused', refused: 'refused: nothing would be imported' }[report.outcome];
  lines.push(`${report.added.length} scenario(s) would be added, ${report.refused.length} refusal(s): ${verdict}`);
  return lines;
}

export async function runPackCheck(root: string, args: readonly string[], print: (line: string) => void): Promise<number> {
  const file = args[0];
  if (args.length !== 1 || file === undefined || file.startsWith('--')) {
    print('Usage: npm run pack:check -- <file.zip>');
    return 1;
  }
  const absolute = path.resolve(root, file);
  let size: number;
  try {
    size = fs.statSync(absolute).size;
  } catch (error) {
    print(`✗ cannot read ${file}: ${(error as Error).message}`);
    return 1;
  }
  if (size > DEFAULT_PACK_LIMITS.maxPackBytes) {
    print(`✗ ${file} is ${size} bytes; packs may be at most ${DEFAULT_PACK_LIMITS.maxPackBytes} bytes`);
    return 1;
  }
  const { policies, problems } = loadForcePolicies(root);
  for (const problem of problems) print(`  ${formatProblem(problem)}`);
  const { report } = await readPack(new Uint8Array(fs.readFileSync(absolute)), { packName: path.basename(file), policies });
  for (const line of packReportLines(report)) print(line);
  return report.outcome === 'accepted' ? 0 : 1;
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (invokedDirectly) {
  process.exitCode = await runPackCheck(process.cwd(), process.argv.slice(2), (line) => console.log(line));
}
