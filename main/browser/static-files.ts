/**
 * Resolves a request path to a file of the built renderer, never outside it, with its content type.
 * Unknown paths without an extension fall back to index.html so client-side routes survive a reload.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
  /** index.html must not be cached: it names the hashed assets of this build */
  isDocument: boolean;
}

export async function readRendererFile(rendererDir: string, urlPath: string): Promise<StaticFile | null> {
  const root = path.resolve(rendererDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const candidate = path.resolve(root, relative);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return null;

  const file = (await isFile(candidate)) ? candidate : path.extname(relative) === '' ? path.join(root, 'index.html') : null;
  if (!file || !(await isFile(file))) return null;
  const extension = path.extname(file).toLowerCase();
  return {
    body: await readFile(file),
    contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
    isDocument: extension === '.html',
  };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
