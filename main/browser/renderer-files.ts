/**
 * The built renderer, served by @fastify/static: its own path checks keep every request inside the
 * renderer directory; an unknown path without an extension gets index.html so client-side routes survive
 * a reload; index.html is never cached (it names the hashed assets of this build).
 */
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { contentTypeOf, isDocument } from './content-types';

function cacheControl(file: string): string {
  return isDocument(file) ? 'no-store' : 'private, max-age=3600';
}

export async function serveRenderer(app: FastifyInstance, rendererDir: string, notFound: (reply: FastifyReply) => unknown): Promise<void> {
  await app.register(fastifyStatic, {
    root: path.resolve(rendererDir),
    index: 'index.html',
    contentType: false,
    cacheControl: false,
    etag: false,
    lastModified: false,
    dotfiles: 'deny',
    setHeaders(response, file) {
      response.setHeader('Content-Type', contentTypeOf(file));
      response.setHeader('Cache-Control', cacheControl(file));
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const pathname = new URL(request.url, 'http://host').pathname;
    if ((request.method === 'GET' || request.method === 'HEAD') && path.extname(pathname) === '') {
      return reply.header('Content-Type', contentTypeOf('index.html')).header('Cache-Control', 'no-store').sendFile('index.html');
    }
    return notFound(reply);
  });
}
