/**
 * Small packs for the pack tests. What they state:
 * - `miniPackFiles()` is the mini call (test/fixtures/mini-call.ts) as pack files, its four clips'
 *   audio tiny fake WebM bytes (an EBML header and a few bytes): `writePack` of it with
 *   `miniPackAbout()` is a pack `readPack` accepts with the default force policy;
 * - `rawZip` writes any zip, however wrong (duplicate names, traversal, lying sizes), to attack
 *   the reader with; `packWithManifest` writes a pack whose manifest is given verbatim.
 */
import { deflateSync } from 'fflate';
import { sha256Hex } from '../../../src/domain/pack-manifest-schema';
import type { PackAbout } from '../../../src/domain/pack-write';
import { miniAnswerKey, miniScenario } from '../../fixtures/mini-call';

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
export const jsonBytes = (value: unknown): Uint8Array => encode(`${JSON.stringify(value, null, 2)}\n`);

/** Fake WebM audio: the EBML magic bytes and a marker, enough for the content check. */
export function fakeWebm(marker: string): Uint8Array {
  return new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, ...encode(marker)]);
}

export function miniPackFiles(scenario: unknown = miniScenario(), answerKey: unknown = miniAnswerKey()): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>([
    ['scenarios/mini-call/scenario.json', jsonBytes(scenario)],
    ['scenarios/mini-call/answer-key.json', jsonBytes(answerKey)],
  ]);
  for (const clip of ['c-open', 'c-safe', 'c-loud', 'c-weapon']) files.set(`assets/audio/mini-call/${clip}.webm`, fakeWebm(clip));
  return files;
}

export function miniPackAbout(): PackAbout {
  return {
    title: 'Mini pack',
    author: 'Test Trainer',
    createdAt: '2026-11-27T12:00:00.000Z',
    scenarios: [{ id: 'mini-call', version: 1, title: 'Mini call' }],
  };
}

export interface RawEntry {
  readonly name: string | Uint8Array;
  readonly data: Uint8Array;
  /** 8 deflates `data`; 0 (default) stores it. */
  readonly method?: number;
  /** The uncompressed size written in the headers (default: the real one). */
  readonly declaredSize?: number;
  readonly flags?: number;
}

/** Writes a zip exactly as told: no checks at all, so tests can build broken and hostile ones. */
export function rawZip(entries: readonly RawEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = typeof entry.name === 'string' ? encode(entry.name) : entry.name;
    const method = entry.method ?? 0;
    const data = method === 8 ? deflateSync(entry.data) : entry.data;
    const size = entry.declaredSize ?? entry.data.length;
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, entry.flags ?? 0x0800, true);
    local.setUint16(8, method, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, size, true);
    local.setUint16(26, name.length, true);
    const header = new DataView(new ArrayBuffer(46));
    header.setUint32(0, 0x02014b50, true);
    header.setUint16(4, 20, true);
    header.setUint16(6, 20, true);
    header.setUint16(8, entry.flags ?? 0x0800, true);
    header.setUint16(10, method, true);
    header.setUint32(20, data.length, true);
    header.setUint32(24, size, true);
    header.setUint16(28, name.length, true);
    header.setUint32(42, offset, true);
    chunks.push(new Uint8Array(local.buffer), name, data);
    central.push(new Uint8Array(header.buffer), name);
    offset += 30 + name.length + data.length;
  }
  const directorySize = central.reduce((sum, c) => sum + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, directorySize, true);
  end.setUint32(16, offset, true);
  const all = [...chunks, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((sum, c) => sum + c.length, 0));
  let at = 0;
  for (const chunk of all) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The manifest `writePack` would write for these files, as plain JSON to tamper with. */
export async function manifestFor(files: ReadonlyMap<string, Uint8Array>, about: PackAbout = miniPackAbout()): Promise<Record<string, any>> {
  const paths = [...files.keys()].sort();
  return {
    format: 'call-trainer-pack',
    formatVersion: 1,
    title: about.title,
    author: about.author,
    createdAt: about.createdAt,
    scenarios: about.scenarios.map((s) => ({ ...s })),
    files: await Promise.all(paths.map(async (path) => ({ path, bytes: files.get(path)!.length, sha256: await sha256Hex(files.get(path)!) }))),
  };
}

/** A pack of `files` (in order, JSON deflated) with `manifest` written verbatim as manifest.json. */
export function packWithManifest(files: ReadonlyMap<string, Uint8Array> | ReadonlyArray<readonly [string, Uint8Array]>, manifest: unknown): Uint8Array {
  const list = files instanceof Map ? [...files.entries()] : [...(files as ReadonlyArray<readonly [string, Uint8Array]>)];
  const entries: RawEntry[] = [];
  if (manifest !== undefined) entries.push({ name: 'manifest.json', data: typeof manifest === 'string' ? encode(manifest) : jsonBytes(manifest), method: 8 });
  for (const [name, data] of list) entries.push({ name, data, method: name.endsWith('.json') ? 8 : 0 });
  return rawZip(entries);
}
