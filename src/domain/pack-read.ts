import type { AnswerKey } from './answer-key-schema';
import type { ForcePolicy } from './force-policy-schema';
import {
  ALLOWED_LAYOUT,
  DEFAULT_PACK_LIMITS,
  displayName,
  isLayoutFolder,
  mediaContentMismatch,
  packFileRole,
  quoteName,
  unsafeNameReason,
  type PackFileRole,
  type PackLimits,
} from './pack-layout';
import { PACK_MANIFEST_FILE, parsePackManifest, sha256Hex, type PackManifest } from './pack-manifest-schema';
import { inflateZipEntry, listZipEntries, type ZipEntry } from './pack-zip';
import { parseOrCollect, type Problem } from './problem';
import { checkScenarioPackage } from './scenario-check';
import type { Scenario } from './scenario-schema';

/**
 * Where a problem sits when it is not inside a JSON file: the zip itself, or an entry's name,
 * size, data, checksum or content. Problems inside JSON files carry a JSON path (`$.files[2]`).
 */
export const PACK_LOCATIONS = {
  zip: 'zip',
  entryName: 'entry name',
  entrySize: 'entry size',
  entryData: 'entry data',
  checksum: 'sha256',
  content: 'content',
  manifestListing: 'manifest listing',
} as const;

export interface ReadPackOptions {
  /** The pack's file name, used as the `file` of problems about the pack as a whole. */
  readonly packName: string;
  /** The force policies the importer knows, by id: each scenario's must be among them. */
  readonly policies: ReadonlyMap<string, ForcePolicy>;
  readonly limits?: PackLimits;
}

/** A scenario that passed every check, ready to store. */
export interface PackScenario {
  readonly scenario: Scenario;
  readonly answerKey: AnswerKey;
  /** Its audio and media by the path the scenario uses (`audio/<id>/c01.webm`, `media/<id>/a.png`). */
  readonly assets: ReadonlyMap<string, Uint8Array>;
}

/** A scenario the import would add. Titles are plain text: render them as text, never as HTML. */
export interface PackAddedScenario {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  /** Its files as paths in the pack. */
  readonly files: readonly string[];
}

/**
 * Something refused and every reason why. `pack`: the pack as a whole (the zip, its size, its
 * manifest's absence); `file`: one entry of the zip (its `name` is the entry name, escaped and
 * cut short when it is odd); `scenario`: one scenario (its `name` is the scenario id).
 */
export interface PackRefusal {
  readonly subject: 'pack' | 'file' | 'scenario';
  readonly name: string;
  readonly problems: readonly Problem[];
}

/**
 * What an import did, for the studio to render as it stands: each problem is `file`, `path`
 * (a JSON path, or one of PACK_LOCATIONS) and `message`. `refused` means nothing was added:
 * any unsafe, unexpected, damaged or mislabelled file refuses the whole pack; a scenario that
 * fails its checks refuses only that scenario (`partly-accepted`).
 */
export interface PackReport {
  readonly packName: string;
  readonly outcome: 'accepted' | 'partly-accepted' | 'refused';
  /** From the manifest, when it could be read (plain text). */
  readonly about?: { readonly title: string; readonly author: string; readonly createdAt: string };
  readonly added: readonly PackAddedScenario[];
  readonly refused: readonly PackRefusal[];
}

export interface PackImport {
  readonly report: PackReport;
  /** The scenarios in `report.added`, parsed and checked. */
  readonly scenarios: readonly PackScenario[];
}

/** Every problem in a report, in order. */
export function packProblems(report: PackReport): Problem[] {
  return report.refused.flatMap((refusal) => refusal.problems);
}

class ReportBuilder {
  private readonly refusals = new Map<string, { subject: PackRefusal['subject']; name: string; problems: Problem[] }>();

  constructor(readonly packName: string) {}

  add(subject: PackRefusal['subject'], name: string, problem: Problem): void {
    const key = `${subject}\u0000${name}`;
    const refusal = this.refusals.get(key) ?? { subject, name, problems: [] };
    refusal.problems.push(problem);
    this.refusals.set(key, refusal);
  }

  pack(path: string, message: string, file = this.packName): void {
    this.add('pack', this.packName, { file, path, message });
  }

  entry(name: string, path: string, message: string): void {
    const shown = displayName(name);
    this.add('file', shown, { file: shown, path, message });
  }

  get count(): number {
    return this.refusals.size;
  }

  build(added: PackAddedScenario[], manifest?: PackManifest): PackReport {
    const refused = [...this.refusals.values()];
    const outcome = added.length === 0 ? 'refused' : refused.length === 0 ? 'accepted' : 'partly-accepted';
    return {
      packName: this.packName,
      outcome,
      ...(manifest ? { about: { title: manifest.title, author: manifest.author, createdAt: manifest.createdAt } } : {}),
      added,
      refused,
    };
  }
}

interface CheckedEntry {
  readonly entry: ZipEntry;
  readonly role: PackFileRole;
}

const describeBytes = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${bytes} bytes`);

/**
 * Reads an untrusted pack (a zip) and checks everything in it before anything is trusted:
 *
 * 1. before inflating anything: the zip's size; its directory (entry count, no ZIP64, no
 *    overlapping entries); each entry's name (no traversal, absolute path, backslash, drive
 *    letter, `..`, NUL, duplicates even by case) and place in the layout (allowed names and
 *    media types only); each entry's declared size and the total against the limits; the
 *    manifest present, valid, not newer than this code, and listing exactly the pack's files
 *    with their sizes and scenarios;
 * 2. inflating each entry at most to its declared size: its SHA-256 against the manifest, and
 *    each audio and media file's magic bytes against its extension;
 * 3. each scenario and answer key with `checkScenarioPackage`, the checks of
 *    `npm run scenarios:check` (audio and media must be files in the pack), its folder named by
 *    its id, no id twice in the pack.
 *
 * Never throws: everything wrong comes back as located problems in the report.
 */
export async function readPack(bytes: Uint8Array, options: ReadPackOptions): Promise<PackImport> {
  const report = new ReportBuilder(options.packName);
  try {
    return await readCheckedPack(bytes, options, report);
  } catch (error) {
    report.pack(PACK_LOCATIONS.zip, `the pack could not be checked (${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}); nothing was imported`);
    return { report: report.build([]), scenarios: [] };
  }
}

async function readCheckedPack(bytes: Uint8Array, options: ReadPackOptions, report: ReportBuilder): Promise<PackImport> {
  const limits = options.limits ?? DEFAULT_PACK_LIMITS;
  const refuse = (manifest?: PackManifest): PackImport => ({ report: report.build([], manifest), scenarios: [] });

  // 1. Before inflating anything.
  if (bytes.length > limits.maxPackBytes) {
    report.pack(PACK_LOCATIONS.zip, `the pack is ${describeBytes(bytes.length)}; packs may be at most ${describeBytes(limits.maxPackBytes)}`);
    return refuse();
  }
  const listing = listZipEntries(bytes, limits.maxEntries);
  if (!listing.ok) {
    report.pack(PACK_LOCATIONS.zip, listing.reason);
    return refuse();
  }
  const files = checkEntries(listing.entries, limits, report);
  const manifestEntry = files.find((f) => f.role.kind === 'manifest');
  if (!manifestEntry) report.pack('$', 'the pack has no manifest.json at its root: it is not a call-trainer pack, or it was re-zipped from inside a folder', PACK_MANIFEST_FILE);
  if (report.count > 0 || !manifestEntry) return refuse();

  const manifestProblems: Problem[] = [];
  const manifestJson = readJson(bytes, manifestEntry.entry, PACK_MANIFEST_FILE, manifestProblems);
  const manifest = manifestJson === undefined ? undefined : parseOrCollect(() => parsePackManifest(manifestJson, PACK_MANIFEST_FILE), manifestProblems);
  for (const problem of manifestProblems) report.add('file', PACK_MANIFEST_FILE, problem);
  if (!manifest) return refuse();
  const contents = files.filter((f) => f.role.kind !== 'manifest');
  checkManifestListing(manifest, contents, report);
  if (report.count > 0) return refuse(manifest);

  // 2. Inflate, bounded, and check checksums and content types.
  const inflated = new Map<string, Uint8Array>();
  const listed = new Map(manifest.files.map((file, index) => [file.path, { file, index }]));
  for (const { entry, role } of contents) {
    const result = inflateZipEntry(bytes, entry);
    if (!result.ok) {
      report.entry(entry.name, PACK_LOCATIONS.entryData, result.reason);
      continue;
    }
    const expected = listed.get(entry.name);
    const actual = await sha256Hex(result.bytes);
    if (expected && actual !== expected.file.sha256) {
      report.entry(entry.name, PACK_LOCATIONS.checksum, `its SHA-256 does not match manifest.json $.files[${expected.index}].sha256: the file was damaged or changed after the pack was made`);
      continue;
    }
    if ((role.kind === 'audio' || role.kind === 'media') && role.extension) {
      const mismatch = mediaContentMismatch(role.extension, result.bytes);
      if (mismatch) {
        report.entry(entry.name, PACK_LOCATIONS.content, mismatch);
        continue;
      }
    }
    inflated.set(entry.name, result.bytes);
  }
  if (report.count > 0) return refuse(manifest);

  // 3. Each scenario with the checks of `npm run scenarios:check`.
  const added: PackAddedScenario[] = [];
  const scenarios: PackScenario[] = [];
  const checked = manifest.scenarios.map((listedScenario, index) => checkPackScenario(listedScenario.id, index, manifest, contents, inflated, options));
  const idCounts = new Map<string, number>();
  for (const result of checked) if (result.scenario) idCounts.set(result.scenario.id, (idCounts.get(result.scenario.id) ?? 0) + 1);
  for (const result of checked) {
    const { folderId, scenario, answerKey } = result;
    const problems = [...result.problems];
    if (scenario && (idCounts.get(scenario.id) ?? 0) > 1) {
      problems.push({ file: `scenarios/${folderId}/scenario.json`, path: '$.id', message: `another scenario in this pack also has id "${scenario.id}": ids must be unique` });
    }
    if (problems.length > 0 || !scenario || !answerKey) {
      for (const problem of problems) report.add('scenario', folderId, problem);
      continue;
    }
    added.push({ id: scenario.id, version: scenario.version, title: scenario.metadata.title, files: result.files });
    scenarios.push({ scenario, answerKey, assets: result.assets });
  }
  return { report: report.build(added, manifest), scenarios };
}

/** Names, layout, duplicates, compression and declared sizes: everything knowable before inflating. */
function checkEntries(entries: readonly ZipEntry[], limits: PackLimits, report: ReportBuilder): CheckedEntry[] {
  const checked: CheckedEntry[] = [];
  const seen = new Map<string, string>();
  let total = 0;
  for (const entry of entries) {
    const { name } = entry;
    const unsafe = unsafeNameReason(name, entry.asciiName);
    if (unsafe) {
      report.entry(name, PACK_LOCATIONS.entryName, `refused: ${unsafe}`);
      continue;
    }
    const folded = name.toLowerCase();
    const earlier = seen.get(folded);
    if (earlier !== undefined) {
      report.entry(name, PACK_LOCATIONS.entryName, earlier === name ? 'the pack holds this name twice' : `the pack also holds ${quoteName(earlier)}, the same name but for case`);
      continue;
    }
    seen.set(folded, name);
    if (isLayoutFolder(name)) {
      if (entry.size !== 0 || entry.compressedSize !== 0) report.entry(name, PACK_LOCATIONS.entrySize, 'a folder entry must be empty');
      continue;
    }
    const role = packFileRole(name);
    if (!role) {
      const extension = /\.([A-Za-z0-9]{1,10})$/.exec(name)?.[1];
      report.entry(name, PACK_LOCATIONS.entryName, `not a file a pack may hold${extension ? ` (".${extension.toLowerCase()}" files are refused, or it is in the wrong folder)` : ''}: ${ALLOWED_LAYOUT}`);
      continue;
    }
    if (entry.encrypted) {
      report.entry(name, PACK_LOCATIONS.entryData, 'encrypted entries are refused');
      continue;
    }
    if (entry.method !== 0 && entry.method !== 8) {
      report.entry(name, PACK_LOCATIONS.entryData, `compression method ${entry.method} is not used in packs (only stored and deflate)`);
      continue;
    }
    const cap = role.kind === 'audio' || role.kind === 'media' ? limits.maxMediaBytes : limits.maxJsonBytes;
    if (entry.size > cap) {
      report.entry(name, PACK_LOCATIONS.entrySize, `it inflates to ${describeBytes(entry.size)}; a ${role.kind === 'audio' || role.kind === 'media' ? 'media' : 'JSON'} file may be at most ${describeBytes(cap)}`);
      continue;
    }
    total += entry.size;
    checked.push({ entry, role });
  }
  if (total > limits.maxTotalBytes) {
    report.pack(PACK_LOCATIONS.zip, `its files inflate to ${describeBytes(total)} in all; a pack may hold at most ${describeBytes(limits.maxTotalBytes)}`);
  }
  return checked;
}

/** The manifest must list exactly the pack's files, with their sizes, and exactly its scenarios. */
function checkManifestListing(manifest: PackManifest, contents: readonly CheckedEntry[], report: ReportBuilder): void {
  const inManifest = (path: string, message: string) => report.add('file', PACK_MANIFEST_FILE, { file: PACK_MANIFEST_FILE, path, message });
  const entries = new Map(contents.map((c) => [c.entry.name, c]));
  const listedPaths = new Set<string>();
  manifest.files.forEach((file, index) => {
    if (listedPaths.has(file.path)) return inManifest(`$.files[${index}].path`, `${quoteName(file.path)} is listed twice`);
    listedPaths.add(file.path);
    const entry = entries.get(file.path);
    if (!entry) return inManifest(`$.files[${index}].path`, `lists ${quoteName(file.path)}, which is not in the pack`);
    if (entry.entry.size !== file.bytes) {
      inManifest(`$.files[${index}].bytes`, `says ${quoteName(file.path)} is ${file.bytes} bytes; the zip says ${entry.entry.size}`);
    }
  });
  for (const { entry } of contents) {
    if (!listedPaths.has(entry.name)) report.entry(entry.name, PACK_LOCATIONS.manifestListing, 'not listed in manifest.json: the pack was changed after it was made');
  }

  const scenarioIds = new Set<string>();
  manifest.scenarios.forEach((scenario, index) => {
    if (scenarioIds.has(scenario.id)) return inManifest(`$.scenarios[${index}].id`, `scenario "${scenario.id}" is listed twice`);
    scenarioIds.add(scenario.id);
    const hasFile = contents.some((c) => c.role.kind === 'scenario' && c.role.scenarioId === scenario.id);
    if (!hasFile) inManifest(`$.scenarios[${index}].id`, `lists scenario "${scenario.id}" but the pack has no scenarios/${scenario.id}/scenario.json`);
  });
  for (const { entry, role } of contents) {
    if (role.scenarioId !== undefined && !scenarioIds.has(role.scenarioId)) {
      report.entry(entry.name, PACK_LOCATIONS.manifestListing, `belongs to scenario "${role.scenarioId}", which manifest.json does not list among the pack's scenarios`);
    }
  }
}

/** Inflates and parses a JSON entry, collecting a located problem when it is not UTF-8 JSON. */
function readJson(bytes: Uint8Array, entry: ZipEntry, file: string, problems: Problem[]): unknown {
  const result = inflateZipEntry(bytes, entry);
  if (!result.ok) {
    problems.push({ file, path: PACK_LOCATIONS.entryData, message: result.reason });
    return undefined;
  }
  return parseJsonBytes(result.bytes, file, problems);
}

function parseJsonBytes(bytes: Uint8Array, file: string, problems: Problem[]): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    problems.push({ file, path: '$', message: 'not UTF-8 text' });
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    problems.push({ file, path: '$', message: `not valid JSON: ${error instanceof Error ? error.message.slice(0, 200) : 'parse error'}` });
    return undefined;
  }
}

interface ScenarioCheck {
  readonly folderId: string;
  readonly problems: readonly Problem[];
  readonly scenario?: Scenario;
  readonly answerKey?: AnswerKey;
  readonly files: string[];
  readonly assets: Map<string, Uint8Array>;
}

function checkPackScenario(
  folderId: string,
  manifestIndex: number,
  manifest: PackManifest,
  contents: readonly CheckedEntry[],
  inflated: ReadonlyMap<string, Uint8Array>,
  options: ReadPackOptions,
): ScenarioCheck {
  const problems: Problem[] = [];
  const scenarioFile = `scenarios/${folderId}/scenario.json`;
  const answerKeyFile = `scenarios/${folderId}/answer-key.json`;
  const own = contents.filter((c) => c.role.scenarioId === folderId);
  const assets = new Map<string, Uint8Array>();
  for (const { entry, role } of own) {
    if (role.src !== undefined) assets.set(role.src, inflated.get(entry.name) as Uint8Array);
  }
  const scenarioBytes = inflated.get(scenarioFile);
  const keyBytes = inflated.get(answerKeyFile);
  const scenarioJson = scenarioBytes ? parseJsonBytes(scenarioBytes, scenarioFile, problems) : undefined;
  const keyJson = keyBytes ? parseJsonBytes(keyBytes, answerKeyFile, problems) : undefined;
  const files = own.map((c) => c.entry.name);
  if (problems.length > 0) return { folderId, problems, files, assets };

  const result = checkScenarioPackage({
    scenarioFile,
    scenario: scenarioJson,
    answerKeyFile,
    answerKey: keyJson,
    policies: options.policies,
    audioExists: (src) => assets.has(src),
  });
  problems.push(...result.problems);
  const { scenario, answerKey } = result;
  if (scenario) {
    if (scenario.id !== folderId) {
      problems.push({ file: scenarioFile, path: '$.id', message: `the scenario's id is "${scenario.id}" but it sits in scenarios/${folderId}/: a scenario's folder is named by its id` });
    }
    const listed = manifest.scenarios[manifestIndex];
    if (listed && listed.version !== scenario.version) {
      problems.push({ file: PACK_MANIFEST_FILE, path: `$.scenarios[${manifestIndex}].version`, message: `says version ${listed.version} but scenarios/${folderId}/scenario.json is version ${scenario.version}` });
    }
  }
  return { folderId, problems, files, assets, ...(scenario ? { scenario } : {}), ...(answerKey ? { answerKey } : {}) };
}
