/**
 * `npm run package:scorm`: builds the app with a relative base (`vite build --mode lms`, no
 * service worker: the LMS serves the package) into dist-lms/, and writes two packages an LMS
 * can import under dist-packages/: call-trainer-scorm12.zip (imsmanifest.xml, one SCO) and
 * call-trainer-cmi5.zip (cmi5.xml, one AU). The app finds the LMS at run time (src/app/lms-launch.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { cmi5CourseStructure, scorm12Manifest, type LmsPackageInfo } from './lms-package/lms-manifests';

const BUILD_DIR = 'dist-lms';
const PACKAGES_DIR = 'dist-packages';
const PUBLISHER_ID = 'https://call-trainer.example/course/call-trainer';

/** Every file under `folder`, as forward-slash paths relative to it. */
export function listFiles(folder: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(folder, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(folder, relative) : [relative];
  });
}

/** Zips `files` from `folder` plus the extra in-memory files (the manifest). */
export function zipPackage(folder: string, files: readonly string[], extra: Record<string, string>): Uint8Array {
  const entries: Zippable = {};
  for (const file of files) entries[file] = [new Uint8Array(fs.readFileSync(path.join(folder, file))), { level: /\.(webm|mp3|png)$/.test(file) ? 0 : 6 }];
  for (const [name, text] of Object.entries(extra)) entries[name] = new TextEncoder().encode(text);
  return zipSync(entries, { mtime: new Date('2026-01-01T00:00:00Z') });
}

export function packageLms(root: string): { scorm12: string; cmi5: string; files: number } {
  const buildDir = path.join(root, BUILD_DIR);
  execFileSync('npx', ['vite', 'build', '--mode', 'lms', '--base', './', '--outDir', buildDir, '--emptyOutDir', '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; description: string };
  const info: LmsPackageInfo = { identifier: 'call-trainer', title: 'call-trainer: police control-room call handling', description: pkg.description, version: pkg.version };
  // Readme files copied from assets/ are not part of the course.
  const files = listFiles(buildDir).filter((file) => !/(^|\/)README\.md$/.test(file));
  const out = path.join(root, PACKAGES_DIR);
  fs.mkdirSync(out, { recursive: true });
  const scorm12 = path.join(out, 'call-trainer-scorm12.zip');
  const cmi5 = path.join(out, 'call-trainer-cmi5.zip');
  fs.writeFileSync(scorm12, zipPackage(buildDir, files, { 'imsmanifest.xml': scorm12Manifest(info, files) }));
  fs.writeFileSync(cmi5, zipPackage(buildDir, files, { 'cmi5.xml': cmi5CourseStructure(info, PUBLISHER_ID) }));
  return { scorm12, cmi5, files: files.length };
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const root = process.cwd();
  const result = packageLms(root);
  for (const file of [result.scorm12, result.cmi5]) {
    console.log(`wrote ${path.relative(root, file)} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB, ${result.files} files of the app)`);
  }
}
