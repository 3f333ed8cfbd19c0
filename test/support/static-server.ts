/** A minimal static web server for the browser tests: serves a folder under a sub-path, as a council's web server might. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/atom+xml',
  '.ics': 'text/calendar',
  '.pdf': 'application/pdf',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** A running server: its base URL (ending in `/`) and how to stop it. */
export interface StaticServer {
  base: string;
  /** Every path asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves `dirs` (mount name → folder) at http://127.0.0.1:PORT/<subPath>/<mount>/. */
export async function serveFolders(
  dirs: Record<string, string>,
  subPath = 'borough/committees',
): Promise<StaticServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.pathname);
    const prefix = `/${subPath}/`;
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end();
      return;
    }
    const [mount, ...rest] = decodeURIComponent(url.pathname.slice(prefix.length)).split('/');
    const root = Object.hasOwn(dirs, mount!) ? dirs[mount!] : undefined;
    if (root === undefined) {
      res.writeHead(404).end();
      return;
    }
    const file = path.resolve(root, ...rest);
    if (!file.startsWith(path.resolve(root)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}/${subPath}/`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
