import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webm': 'audio/webm',
  '.mp3': 'audio/mpeg',
  '.xml': 'application/xml',
};

export interface StaticServer {
  readonly origin: string;
  /** Serve another folder from now on (e.g. a newer build). */
  serve(folder: string): void;
  close(): Promise<void>;
}

/**
 * A plain static file server on 127.0.0.1 for tests that need more than `vite preview` gives:
 * swapping the build it serves, or a host page beside an LMS package. `extra` answers any path
 * it knows (return true) before the files are looked at. Nothing is cached.
 */
export async function startStaticServer(
  folder: string,
  port: number,
  extra?: (request: http.IncomingMessage, response: http.ServerResponse) => boolean | Promise<boolean>,
): Promise<StaticServer> {
  let root = folder;
  const server = http.createServer((request, response) => {
    void (async () => {
      if (extra && (await extra(request, response))) return;
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      let file = path.join(root, decodeURIComponent(url.pathname));
      if (!file.startsWith(root)) return void response.writeHead(403).end();
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      if (!fs.existsSync(file)) return void response.writeHead(404).end('not found');
      response.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
      fs.createReadStream(file).pipe(response);
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    serve(next) {
      root = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port for a test's own server: beside the E2E_PORT that `vite preview` has. */
export function extraPort(offset: number): number {
  return Number(process.env.E2E_PORT ?? 4173) + 10 + offset;
}
