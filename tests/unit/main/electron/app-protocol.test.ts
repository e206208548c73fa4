import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP, appResponse, registerAppScheme, serveAppProtocol } from '../../../../main/electron/app-protocol';

let rendererDir: string;
beforeAll(async () => {
  rendererDir = await mkdtemp(path.join(os.tmpdir(), 'sb-app-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  await writeFile(path.join(rendererDir, 'main.js'), 'export {}');
});
afterAll(() => rm(rendererDir, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('registers app: as a standard, secure scheme (a real origin and a secure context for the microphone)', () => {
    const calls: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => calls.push(schemes) });
    expect(calls).toEqual([[{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]]);
    const privileges = (calls[0] as { privileges: Record<string, boolean> }[])[0].privileges;
    expect(privileges.bypassCSP).toBeUndefined();
    expect(privileges.corsEnabled).toBeUndefined();
  });

  it('serves the renderer files with the strict CSP header', async () => {
    const handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
    serveAppProtocol({ handle: (scheme, handler) => handlers.set(scheme, handler) }, rendererDir);
    const handler = handlers.get('app')!;
    const page = await handler(new Request('app://switchboard/index.html'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Switchboard</title>');
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).not.toMatch(/unsafe-(inline|eval)/);
    const script = await handler(new Request('app://switchboard/main.js'));
    expect(script.headers.get('content-type')).toContain('javascript');
  });

  it('answers 404 for other hosts and paths that escape the renderer directory', async () => {
    expect((await appResponse(rendererDir, { url: 'app://elsewhere/index.html', method: 'GET' })).status).toBe(404);
    expect((await appResponse(rendererDir, { url: 'app://switchboard/..%2F..%2Fetc%2Fpasswd', method: 'GET' })).status).toBe(404);
    expect((await appResponse(rendererDir, { url: 'app://switchboard/missing.js', method: 'GET' })).status).toBe(404);
    expect((await appResponse(rendererDir, { url: 'app://switchboard/', method: 'POST' })).status).toBe(405);
  });
});
