import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Benchmark } from './benchmark';
import { chunkName, initialScripts, kilobytes } from './bundle-figures';

/** Initial JS (gzip) of the production build in dist/, and each lazy chunk (the largest of each kind). */
export const bundleBenchmark: Benchmark = {
  name: 'bundle',
  targets: { initialJsGzipKB: { atMost: 150 } },
  needsApp: true,
  async run({ root }) {
    const dist = path.join(root, 'dist');
    const initial = new Set(initialScripts(fs.readFileSync(path.join(dist, 'index.html'), 'utf8')));
    const assets = fs.readdirSync(path.join(dist, 'assets')).filter((file) => file.endsWith('.js'));
    const gzipBytes = (file: string) => gzipSync(fs.readFileSync(path.join(dist, 'assets', file))).length;
    let initialBytes = 0;
    const lazy: Record<string, number> = {};
    for (const file of assets) {
      const bytes = gzipBytes(file);
      if (initial.has(`assets/${file}`)) initialBytes += bytes;
      else {
        const name = chunkName(file);
        // Scenario and answer-key chunks are many and alike: report the largest of each kind.
        lazy[name] = Math.max(lazy[name] ?? 0, bytes);
      }
    }
    const figures: Record<string, number> = { initialJsGzipKB: kilobytes(initialBytes) };
    for (const [name, bytes] of Object.entries(lazy).sort()) {
      const key = `lazyChunk_${name.replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase())}GzipKB`;
      figures[key] = kilobytes(bytes);
    }
    return figures;
  },
};
