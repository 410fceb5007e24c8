import { describe, expect, it } from 'vitest';
import { chunkName, initialScripts, kilobytes } from '../../../src/cli/bench/bundle-figures';

describe('bench: bundle figures', () => {
  it('counts the entry script and its module preloads as the first load, nothing else', () => {
    const html = `<head>
      <script type="module" crossorigin src="/assets/index-CLDJpxK2.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/rolldown-runtime-WkwZ5CU-.js">
      <link rel="stylesheet" crossorigin href="/assets/index-BGk0BB2r.css">
      <link rel="icon" href="data:,">
    </head>`;
    expect(initialScripts(html)).toEqual(['assets/index-CLDJpxK2.js', 'assets/rolldown-runtime-WkwZ5CU-.js']);
  });

  it.each([
    ['call-screen-BeagdePa.js', 'call-screen'],
    ['create-control-room-game-DGSxQdEo.js', 'create-control-room-game'],
    ['national-call-handling-standards-DthYMIv0.js', 'national-call-handling-standards'],
    ['rolldown-runtime-WkwZ5CU-.js', 'rolldown-runtime'],
  ])('names %s as %s', (file, name) => {
    expect(chunkName(file)).toBe(name);
  });

  it('reports kilobytes as Vite does (1,000 bytes), to one decimal', () => {
    expect(kilobytes(141_940)).toBe(141.9);
    expect(kilobytes(360_300)).toBe(360.3);
  });
});
