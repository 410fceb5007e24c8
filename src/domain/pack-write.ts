import { isLayoutFolder, packFileRole } from './pack-layout';
import {
  PACK_FORMAT,
  PACK_FORMAT_VERSION,
  PACK_MANIFEST_FILE,
  packManifestSchema,
  sha256Hex,
  type PackManifest,
  type PackScenarioEntry,
} from './pack-manifest-schema';
import type { Scenario } from './scenario-schema';
import { writeZip } from './pack-zip';

/** What the person exporting says about the pack; the file list is computed. */
export interface PackAbout {
  readonly title: string;
  readonly author: string;
  /** ISO 8601; also written as every zip entry's date, so a pack is reproducible. */
  readonly createdAt: string;
  readonly scenarios: readonly PackScenarioEntry[];
}

/** The manifest line for a scenario. */
export function packScenarioEntry(scenario: Scenario): PackScenarioEntry {
  return { id: scenario.id, version: scenario.version, title: scenario.metadata.title };
}

/**
 * Writes a pack: `manifest.json` (with every file's size and SHA-256) then the files, sorted by
 * path. `files` maps pack paths (`scenarios/<id>/scenario.json`, `assets/audio/<id>/c01.webm`,
 * ...) to their bytes. Throws when a path is not part of the pack layout or the manifest would
 * be invalid: an export must never produce a pack that import refuses for its shape. (Whether
 * the scenarios themselves are sound is for the caller to check first, with the same
 * `checkScenarioPackage` that import uses.)
 */
export async function writePack(files: ReadonlyMap<string, Uint8Array>, about: PackAbout): Promise<Uint8Array> {
  const paths = [...files.keys()].sort();
  for (const path of paths) {
    const role = packFileRole(path);
    if (!role || role.kind === 'manifest' || isLayoutFolder(path)) throw new Error(`writePack: "${path}" is not a file of the pack layout`);
  }
  const listed = await Promise.all(
    paths.map(async (path) => {
      const bytes = files.get(path) as Uint8Array;
      return { path, bytes: bytes.length, sha256: await sha256Hex(bytes) };
    }),
  );
  const manifest: PackManifest = packManifestSchema.parse({
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    title: about.title,
    author: about.author,
    createdAt: about.createdAt,
    scenarios: about.scenarios,
    files: listed,
  });
  const manifestBytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  return writeZip([[PACK_MANIFEST_FILE, manifestBytes], ...paths.map((path) => [path, files.get(path) as Uint8Array] as const)], new Date(about.createdAt));
}
