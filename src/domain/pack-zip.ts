import { Inflate, zipSync, type Zippable } from 'fflate';

/**
 * The zip container of a pack, read defensively. Everything here works on bytes: no file
 * system, no browser API, so the same code runs in the studio and in `npm run pack:check`.
 *
 * We read the central directory ourselves rather than through fflate's `unzipSync`: that one
 * inflates each entry into a buffer of the size the directory declares and keeps inflating past
 * it, so a pack that lies about its sizes costs seconds of CPU. Here nothing is inflated until
 * every entry has been listed and checked, and each entry is inflated in small steps that stop
 * the moment it exceeds its declared size.
 */

/** One entry as the zip's central directory describes it, before anything is inflated. */
export interface ZipEntry {
  /** The name as stored, decoded byte for byte (Latin-1), so odd bytes stay visible. */
  readonly name: string;
  /** Whether every byte of the name is printable ASCII (the only names a pack uses). */
  readonly asciiName: boolean;
  /** 0 stored, 8 deflated; anything else is refused. */
  readonly method: number;
  readonly encrypted: boolean;
  readonly compressedSize: number;
  /** The uncompressed size the directory declares (checked again while inflating). */
  readonly size: number;
  /** Where the entry's data starts in the zip (after its local header). */
  readonly dataOffset: number;
}

export type ZipListing = { readonly ok: true; readonly entries: readonly ZipEntry[] } | { readonly ok: false; readonly reason: string };

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_LENGTH = 22;
const MAX_COMMENT = 0xffff;
/** Compressed bytes fed to the inflater per step: a step can yield at most ~1,032 times this. */
const INFLATE_STEP = 4096;

const u16 = (bytes: Uint8Array, at: number): number => (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
const u32 = (bytes: Uint8Array, at: number): number => (u16(bytes, at) | (u16(bytes, at + 2) << 16)) >>> 0;

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += String.fromCharCode(byte);
  return out;
}

/**
 * Lists a zip's entries from its central directory without inflating anything. Refuses (with a
 * reason) anything a pack never needs and a bomb might use: several disks, ZIP64, more entries
 * than `maxEntries` (checked before a single entry is read), entries whose local header
 * disagrees with the directory, and entries whose data overlap or run past the directory.
 */
export function listZipEntries(bytes: Uint8Array, maxEntries: number): ZipListing {
  const refuse = (reason: string): ZipListing => ({ ok: false, reason });
  if (bytes.length < EOCD_LENGTH) return refuse('not a zip file: too short to hold a zip directory');
  let eocd = -1;
  for (let at = bytes.length - EOCD_LENGTH; at >= Math.max(0, bytes.length - EOCD_LENGTH - MAX_COMMENT); at -= 1) {
    if (u32(bytes, at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return refuse('not a zip file: no end-of-directory record found');
  const disk = u16(bytes, eocd + 4);
  const directoryDisk = u16(bytes, eocd + 6);
  const entriesHere = u16(bytes, eocd + 8);
  const count = u16(bytes, eocd + 10);
  const directorySize = u32(bytes, eocd + 12);
  const directoryOffset = u32(bytes, eocd + 16);
  if (disk !== 0 || directoryDisk !== 0 || entriesHere !== count) return refuse('a zip split over several disks is not a pack');
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff || (eocd >= 20 && u32(bytes, eocd - 20) === ZIP64_LOCATOR_SIGNATURE)) {
    return refuse('ZIP64 archives are not packs (a pack is far smaller than 4 GB)');
  }
  if (count > maxEntries) return refuse(`the zip holds ${count} entries; a pack may hold at most ${maxEntries}`);
  if (directoryOffset + directorySize > eocd) return refuse('the zip directory runs past the end of the file: the zip is truncated or corrupt');

  const entries: ZipEntry[] = [];
  const spans: Array<{ start: number; end: number }> = [];
  let at = directoryOffset;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > directoryOffset + directorySize || u32(bytes, at) !== CENTRAL_SIGNATURE) {
      return refuse(`zip directory entry ${index + 1} is corrupt`);
    }
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    const compressedSize = u32(bytes, at + 20);
    const size = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const localOffset = u32(bytes, at + 42);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    if (at + 46 + nameLength > directoryOffset + directorySize) return refuse(`zip directory entry ${index + 1} is corrupt`);
    at += 46 + nameLength + extraLength + commentLength;

    const name = latin1(nameBytes);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
      return refuse('ZIP64 archives are not packs (a pack is far smaller than 4 GB)');
    }
    if (localOffset + 30 > directoryOffset || u32(bytes, localOffset) !== LOCAL_SIGNATURE) {
      return refuse(`the data of zip entry ${index + 1} is missing or corrupt`);
    }
    const localNameLength = u16(bytes, localOffset + 26);
    const localExtraLength = u16(bytes, localOffset + 28);
    const localName = bytes.subarray(localOffset + 30, localOffset + 30 + localNameLength);
    if (localNameLength !== nameLength || !localName.every((byte, i) => byte === nameBytes[i])) {
      return refuse(`zip entry ${index + 1} has one name in the directory and another beside its data`);
    }
    const dataOffset = localOffset + 30 + localNameLength + localExtraLength;
    if (dataOffset + compressedSize > directoryOffset) return refuse(`the data of zip entry ${index + 1} runs past the end of the zip's data`);
    spans.push({ start: localOffset, end: dataOffset + compressedSize });
    entries.push({
      name,
      asciiName: nameBytes.every((byte) => byte >= 0x20 && byte < 0x7f),
      method,
      encrypted: (flags & 1) === 1,
      compressedSize,
      size,
      dataOffset,
    });
  }
  spans.sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i += 1) {
    if ((spans[i]?.start ?? 0) < (spans[i - 1]?.end ?? 0)) return refuse('two zip entries share the same data (a zip-bomb technique)');
  }
  return { ok: true, entries };
}

export type InflateResult = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly reason: string };

class TooLarge extends Error {}

/**
 * Inflates one listed entry, never producing more than its declared size: inflation stops (and
 * the entry is refused) as soon as the output would pass it, and an entry that ends short of it
 * is refused too. Only stored (0) and deflated (8) entries are read.
 */
export function inflateZipEntry(bytes: Uint8Array, entry: ZipEntry): InflateResult {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) return { ok: false, reason: `a stored entry must be as long as it says (${entry.size} bytes), not ${entry.compressedSize}` };
    return { ok: true, bytes: data.slice() };
  }
  if (entry.method !== 8) return { ok: false, reason: `compression method ${entry.method} is not used in packs (only stored and deflate)` };
  const out = new Uint8Array(entry.size);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > entry.size) throw new TooLarge();
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let at = 0; at < data.length; at += INFLATE_STEP) {
      const end = Math.min(at + INFLATE_STEP, data.length);
      inflater.push(data.subarray(at, end), end === data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof TooLarge) return { ok: false, reason: `inflates to more than the ${entry.size} bytes the zip declares (refused before inflating the rest)` };
    return { ok: false, reason: `the compressed data is corrupt (${error instanceof Error ? error.message : 'inflate failed'})` };
  }
  if (written !== entry.size) return { ok: false, reason: `inflates to ${written} bytes, not the ${entry.size} the zip declares` };
  return { ok: true, bytes: out };
}

/**
 * Writes a zip of the given files in the given order. JSON is deflated; media, already
 * compressed, is stored. `modified` is written as every entry's time, so the same files and date
 * give the same bytes.
 */
export function writeZip(files: ReadonlyArray<readonly [name: string, bytes: Uint8Array]>, modified: Date): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, bytes] of files) zippable[name] = [bytes, { level: name.endsWith('.json') ? 6 : 0, mtime: modified }];
  return zipSync(zippable);
}
