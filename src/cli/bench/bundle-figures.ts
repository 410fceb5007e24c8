/**
 * Which built files load with the first page: the entry script and the modules it preloads, as
 * `dist/index.html` names them. Everything else in dist/assets is a lazy chunk.
 */
export function initialScripts(indexHtml: string): string[] {
  const found = new Set<string>();
  for (const match of indexHtml.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\/?(assets\/[^"]+\.js)"[^>]*>/g)) {
    const tag = match[0];
    if (tag.startsWith('<script') || /rel="modulepreload"/.test(tag)) found.add(match[1]!);
  }
  return [...found].sort();
}

/** "call-screen-BeagdePa.js" → "call-screen": a chunk's stable name without Vite's hash. */
export function chunkName(file: string): string {
  return file.replace(/^.*\//, '').replace(/-[A-Za-z0-9_-]{8}\.js$/, '').replace(/\.js$/, '');
}

/** Kilobytes (1,000 bytes, as Vite reports them) to one decimal place. */
export function kilobytes(bytes: number): number {
  return Math.round(bytes / 100) / 10;
}
