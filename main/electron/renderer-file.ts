/**
 * For Electron's app:// protocol (app-protocol.ts), which hands us a Request and wants a Response, so no
 * HTTP server's static plugin applies (browser mode serves the same files with @fastify/static):
 * resolves a request path to a file of the built renderer, never outside it, with its content type.
 * Unknown paths without an extension fall back to index.html so client-side routes survive a reload.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { contentTypeOf, isDocument } from '../browser/content-types';

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
    return null; // malformed percent-encoding: no such file
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const candidate = path.resolve(root, relative);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return null;

  const file = (await isFile(candidate)) ? candidate : path.extname(relative) === '' ? path.join(root, 'index.html') : null;
  if (!file || !(await isFile(file))) return null;
  return { body: await readFile(file), contentType: contentTypeOf(file), isDocument: isDocument(file) };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false; // absent or unreadable: not a file we can serve
  }
}
