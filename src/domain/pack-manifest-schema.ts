import { z } from 'zod';
import { parseVersionedFile, type VersionedFormat } from './format-version';
import { slugSchema } from './scenario-schema';

/**
 * Pack manifest format v1: `manifest.json` at the root of a pack (a zip of scenarios, their
 * answer keys and their audio and media), saying who made it, which scenarios it carries and
 * every other file in it with its size and SHA-256, so an importer can tell a complete, intact
 * pack from a damaged or tampered one before trusting anything in it.
 */
export const PACK_FORMAT = 'call-trainer-pack';
export const PACK_FORMAT_VERSION = 1;
export const PACK_MANIFEST_FILE = 'manifest.json';

export const packFileSchema = z.strictObject({
  path: z.string().min(1).max(200).meta({ description: 'Where the file sits in the pack, e.g. "assets/audio/<scenario-id>/opening.webm".' }),
  bytes: z.number().int().min(0).meta({ description: 'Its size, uncompressed.' }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 digest in lower-case hex (64 characters)'),
});

export const packScenarioSchema = z.strictObject({
  id: slugSchema,
  version: z.number().int().min(1),
  title: z.string().min(1).max(120).meta({ description: 'The scenario\u2019s title, for the import report (plain text).' }),
});

export const packManifestSchema = z.strictObject({
  format: z.literal(PACK_FORMAT),
  formatVersion: z.literal(PACK_FORMAT_VERSION),
  title: z.string().min(1).max(200),
  author: z.string().min(1).max(200).meta({ description: 'The trainer or team who made the pack.' }),
  createdAt: z.iso.datetime({ offset: true }).meta({ description: 'When the pack was made (ISO 8601).' }),
  scenarios: z.array(packScenarioSchema).min(1, 'a pack carries at least one scenario'),
  files: z.array(packFileSchema).meta({ description: 'Every file in the pack except manifest.json.' }),
});

export type PackManifest = z.infer<typeof packManifestSchema>;
export type PackFile = z.infer<typeof packFileSchema>;
export type PackScenarioEntry = z.infer<typeof packScenarioSchema>;

export const packManifestFormat: VersionedFormat = { name: 'pack manifest', currentVersion: PACK_FORMAT_VERSION, steps: [] };

/**
 * Parses an untrusted pack manifest: refuses a newer `formatVersion` with a clear message, then
 * validates it. Throws FormatError naming the file, every field at fault and why.
 */
export function parsePackManifest(input: unknown, file: string = PACK_MANIFEST_FILE): PackManifest {
  return parseVersionedFile(packManifestFormat, packManifestSchema, input, file);
}

/**
 * SHA-256 of some bytes in lower-case hex, through Web Crypto (`crypto.subtle`, in browsers and
 * in Node 20 alike).
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
