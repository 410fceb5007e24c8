import { describe, expect, it } from 'vitest';
import { displayName, isLayoutFolder, mediaContentMismatch, packFileRole, quoteName, unsafeNameReason } from '../../../src/domain/pack-layout';

const bytes = (...values: Array<number | string>) =>
  new Uint8Array(values.flatMap((v) => (typeof v === 'number' ? [v] : [...v].map((c) => c.charCodeAt(0)))));

describe('unsafeNameReason', () => {
  it.each([
    ['../x', /climbs out/],
    ['a/../../b', /climbs out/],
    ['scenarios/..', /climbs out/],
    ['/etc/passwd', /absolute path/],
    ['C:\\x', /backslash/],
    ['c:/windows/x', /drive letter/],
    ['a\\b', /backslash/],
    ['a\0b', /NUL/],
    ['a\nb', /control characters/],
    ['a//b', /empty or "\." segment/],
    ['./a', /empty or "\." segment/],
    ['', /no name/],
    ['sc\u00e9narios/a.json', /printable ASCII/],
    [`a/${'x'.repeat(200)}`, /longer than 200/],
  ])('refuses %j', (name, reason) => {
    expect(unsafeNameReason(name, /^[\x20-\x7e]*$/.test(name))).toMatch(reason);
  });

  it.each(['manifest.json', 'scenarios/a-b/scenario.json', 'assets/audio/a-b/c01.webm', 'scenarios/'])('accepts %j', (name) => {
    expect(unsafeNameReason(name, true)).toBeUndefined();
  });
});

describe('packFileRole: only the layout\u2019s names', () => {
  it.each([
    ['manifest.json', { kind: 'manifest' }],
    ['scenarios/dv-1/scenario.json', { kind: 'scenario', scenarioId: 'dv-1', extension: 'json' }],
    ['scenarios/dv-1/answer-key.json', { kind: 'answer-key', scenarioId: 'dv-1', extension: 'json' }],
    ['assets/audio/dv-1/c01.webm', { kind: 'audio', scenarioId: 'dv-1', src: 'audio/dv-1/c01.webm', extension: 'webm' }],
    ['assets/audio/dv-1/c01.m4a', { kind: 'audio', scenarioId: 'dv-1', src: 'audio/dv-1/c01.m4a', extension: 'm4a' }],
    ['assets/media/dv-1/scene.jpeg', { kind: 'media', scenarioId: 'dv-1', src: 'media/dv-1/scene.jpeg', extension: 'jpeg' }],
    ['assets/media/dv-1/clip.mp4', { kind: 'media', scenarioId: 'dv-1', src: 'media/dv-1/clip.mp4', extension: 'mp4' }],
  ])('%s', (name, role) => {
    expect(packFileRole(name)).toEqual(role);
  });

  it.each([
    'scenarios/dv-1/notes.txt',
    'scenarios/DV/scenario.json',
    'scenarios/dv-1/sub/scenario.json',
    'assets/audio/dv-1/c01.html',
    'assets/audio/dv-1/c01.png',
    'assets/media/dv-1/map.svg',
    'assets/media/dv-1/page.html',
    'assets/media/dv-1/run.js',
    'assets/audio/ui/ring.webm/x',
    'index.html',
    'scenarios/force-policies/x.json',
  ])('refuses %s', (name) => {
    expect(packFileRole(name)).toBeUndefined();
  });

  it('knows the layout\u2019s folders', () => {
    expect(isLayoutFolder('assets/audio/dv-1/')).toBe(true);
    expect(isLayoutFolder('assets/other/')).toBe(false);
  });
});

describe('mediaContentMismatch: magic bytes against the extension', () => {
  it.each([
    ['webm', bytes(0x1a, 0x45, 0xdf, 0xa3, 0x9f)],
    ['ogg', bytes('OggS', 0)],
    ['mp3', bytes(0xff, 0xf3, 0x58)],
    ['mp3', bytes('ID3', 4)],
    ['m4a', bytes(0, 0, 0, 0x20, 'ftypM4A ')],
    ['mp4', bytes(0, 0, 0, 0x18, 'ftypisom')],
    ['png', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a)],
    ['jpg', bytes(0xff, 0xd8, 0xff, 0xe1)],
    ['webp', bytes('RIFF', 0, 0, 0, 0, 'WEBP')],
  ])('accepts real %s bytes', (extension, content) => {
    expect(mediaContentMismatch(extension, content)).toBeUndefined();
  });

  it.each([
    ['mp3', bytes('<!DOCTYPE html><script>')],
    ['webm', bytes('<svg onload=alert(1)>')],
    ['png', bytes(0xff, 0xd8, 0xff)],
    ['webp', bytes('RIFF', 0, 0, 0, 0, 'WAVE')],
    ['mp4', bytes('')],
  ])('refuses a %s that is something else', (extension, content) => {
    expect(mediaContentMismatch(extension, content)).toMatch(/the file's bytes are not/);
  });
});

describe('names in messages', () => {
  it('quotes, escapes and cuts a hostile name', () => {
    const hostile = `<script>\u001b[31m${'x'.repeat(300)}`;
    const quoted = quoteName(hostile);
    expect(quoted).toBe(`"<script>\\x1b[31m${'x'.repeat(67)}\u2026"`);
    expect(displayName('assets/audio/a/b.webm')).toBe('assets/audio/a/b.webm');
    expect(displayName('a\\b')).toBe('"a\\\\b"');
  });
});
