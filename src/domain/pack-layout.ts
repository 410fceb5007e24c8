import { PACK_MANIFEST_FILE } from './pack-manifest-schema';

/**
 * What a pack may hold, by name and by content. The layout is the repository's own, so a pack
 * unzipped at the root of a call-trainer checkout drops its files where `npm run scenarios:check`
 * and the app look for them:
 *
 * ```
 * manifest.json
 * scenarios/<id>/scenario.json
 * scenarios/<id>/answer-key.json
 * assets/audio/<id>/<file>.webm|ogg|mp3|m4a
 * assets/media/<id>/<file>.jpg|jpeg|png|webp|webm|mp4
 * ```
 */

const MB = 1024 * 1024;

/** Caps enforced on an untrusted pack before anything is inflated (see README "Packs"). */
export interface PackLimits {
  /** The zip file itself. */
  readonly maxPackBytes: number;
  /** Entries in the zip, manifest included. */
  readonly maxEntries: number;
  /** One audio or media file, uncompressed. */
  readonly maxMediaBytes: number;
  /** One JSON file (manifest, scenario, answer key), uncompressed. */
  readonly maxJsonBytes: number;
  /** Everything in the pack, uncompressed. */
  readonly maxTotalBytes: number;
}

export const DEFAULT_PACK_LIMITS: PackLimits = {
  maxPackBytes: 50 * MB,
  maxEntries: 1000,
  maxMediaBytes: 25 * MB,
  maxJsonBytes: 2 * MB,
  maxTotalBytes: 100 * MB,
};

/** Longest entry name accepted: real ones are under 100 characters. */
export const MAX_ENTRY_NAME_LENGTH = 200;

export type PackFileKind = 'manifest' | 'scenario' | 'answer-key' | 'audio' | 'media';

/** Where a named file belongs in the pack. `src` is the path the scenario uses (under assets/). */
export interface PackFileRole {
  readonly kind: PackFileKind;
  /** The scenario the file belongs to (absent for the manifest). */
  readonly scenarioId?: string;
  readonly src?: string;
  readonly extension?: string;
}

const slug = '[a-z0-9]+(?:-[a-z0-9]+)*';
const fileName = '[A-Za-z0-9._-]+';
export const AUDIO_EXTENSIONS = ['webm', 'ogg', 'mp3', 'm4a'] as const;
export const MEDIA_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'webm', 'mp4'] as const;
const scenarioFile = new RegExp(`^scenarios/(${slug})/(scenario|answer-key)\\.json$`);
const audioFile = new RegExp(`^assets/(audio/(${slug})/${fileName}\\.(${AUDIO_EXTENSIONS.join('|')}))$`);
const mediaFile = new RegExp(`^assets/(media/(${slug})/${fileName}\\.(${MEDIA_EXTENSIONS.join('|')}))$`);
const folder = new RegExp(`^(?:scenarios|assets|assets/audio|assets/media|scenarios/${slug}|assets/audio/${slug}|assets/media/${slug})/$`);

/** Quotes an untrusted name for a message: JSON-quoted, non-printable characters escaped, cut at 80. */
export function quoteName(name: string): string {
  const cut = name.length > 80 ? `${name.slice(0, 80)}\u2026` : name;
  return `"${cut.replace(/[^\x20-\x7e\u2026]|["\\]/g, (c) => (c === '"' || c === '\\' ? `\\${c}` : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`))}"`;
}

/** A name as a problem's `file`: itself when it is plain, else quoted and escaped. */
export function displayName(name: string): string {
  return /^[\x21-\x7e]{1,200}$/.test(name) && !name.includes('"') && !name.includes('\\') ? name : quoteName(name);
}

/**
 * Why a zip entry name is unsafe to write anywhere, or undefined when it is safe: no NUL or
 * control characters, no backslashes, no absolute paths or drive letters, no empty, `.` or `..`
 * segments, printable ASCII only, at most MAX_ENTRY_NAME_LENGTH characters.
 */
export function unsafeNameReason(name: string, asciiName: boolean): string | undefined {
  if (name.length === 0) return 'an entry with no name';
  if (name.includes('\0')) return 'a name containing a NUL character';
  if ([...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return 'a name containing control characters';
  if (name.includes('\\')) return 'a name containing a backslash (Windows path separators are refused)';
  if (/^[A-Za-z]:/.test(name)) return 'a name starting with a drive letter';
  if (name.startsWith('/')) return 'an absolute path';
  const segments = name.split('/');
  if (segments.includes('..')) return 'a path that climbs out of the pack with ".."';
  if (segments.slice(0, -1).some((s) => s === '' || s === '.') || segments[segments.length - 1] === '.') return 'a path with an empty or "." segment';
  if (!asciiName) return 'a name with characters outside printable ASCII';
  if (name.length > MAX_ENTRY_NAME_LENGTH) return `a name longer than ${MAX_ENTRY_NAME_LENGTH} characters`;
  return undefined;
}

/** Whether the entry is a folder of the layout (zip tools add these; they carry no data). */
export function isLayoutFolder(name: string): boolean {
  return folder.test(name);
}

/** The role of a safe name in the layout, or undefined when a pack may not hold such a file. */
export function packFileRole(name: string): PackFileRole | undefined {
  if (name === PACK_MANIFEST_FILE) return { kind: 'manifest' };
  const json = scenarioFile.exec(name);
  if (json) return { kind: json[2] === 'scenario' ? 'scenario' : 'answer-key', scenarioId: json[1] as string, extension: 'json' };
  const audio = audioFile.exec(name);
  if (audio) return { kind: 'audio', src: audio[1] as string, scenarioId: audio[2] as string, extension: audio[3] as string };
  const media = mediaFile.exec(name);
  if (media) return { kind: 'media', src: media[1] as string, scenarioId: media[2] as string, extension: media[3] as string };
  return undefined;
}

/** What a pack may hold, for a refusal message. */
export const ALLOWED_LAYOUT =
  'a pack holds only manifest.json, scenarios/<id>/scenario.json, scenarios/<id>/answer-key.json, ' +
  `assets/audio/<id>/<file>.${AUDIO_EXTENSIONS.join('|')} and assets/media/<id>/<file>.${MEDIA_EXTENSIONS.join('|')}`;

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0): boolean => signature.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

const sniffers: Record<string, { readonly what: string; readonly matches: (bytes: Uint8Array) => boolean }> = {
  webm: { what: 'WebM (EBML)', matches: (b) => startsWith(b, [0x1a, 0x45, 0xdf, 0xa3]) },
  ogg: { what: 'Ogg', matches: (b) => startsWith(b, ascii('OggS')) },
  mp3: {
    what: 'MP3 (an ID3 tag or an MPEG audio frame)',
    matches: (b) => startsWith(b, ascii('ID3')) || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0),
  },
  m4a: { what: 'MP4 audio ("ftyp" box)', matches: (b) => startsWith(b, ascii('ftyp'), 4) },
  mp4: { what: 'MP4 ("ftyp" box)', matches: (b) => startsWith(b, ascii('ftyp'), 4) },
  png: { what: 'PNG', matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  jpg: { what: 'JPEG', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  jpeg: { what: 'JPEG', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  webp: { what: 'WebP', matches: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8) },
};

/**
 * Checks that a media file's bytes are what its extension says (its magic bytes), so an ".mp3"
 * holding HTML or script is refused. Returns the reason, or undefined when they match.
 */
export function mediaContentMismatch(extension: string, bytes: Uint8Array): string | undefined {
  const sniffer = sniffers[extension];
  if (!sniffer) return `".${extension}" is not a media type a pack may hold`;
  return sniffer.matches(bytes) ? undefined : `the file's bytes are not ${sniffer.what}, as its ".${extension}" name claims`;
}
