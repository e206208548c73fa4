/** The GitHub workflows: CI runs README's test command; a release builds on all three OSes, signs from secrets only, publishes update metadata and SHA-256 sums. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (name: string) => readFileSync(path.join(root, '.github', 'workflows', name), 'utf8');
type Step = { name?: string; run?: string; uses?: string; env?: Record<string, string>; if?: string };
type Workflow = { on: Record<string, unknown>; jobs: Record<string, { 'runs-on': string; steps: Step[]; needs?: string; strategy?: { matrix: { include: { os: string; target: string }[] } } }> };

describe('.github/workflows/ci.yml', () => {
  it("runs README's test command", () => {
    const ci = parse(read('ci.yml')) as Workflow;
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const command = /Run every test[\s\S]*?```sh\n([^\n]+)\n```/.exec(readme)?.[1];
    expect(command).toBe('bash scripts/test.sh');
    expect(ci.jobs.test?.steps.map((step) => step.run)).toContain(command);
  });
});

describe('.github/workflows/release.yml', () => {
  const text = read('release.yml');
  const release = parse(text) as Workflow;

  it('builds on Windows, macOS and Linux runners for a version tag', () => {
    expect(release.on).toEqual({ push: { tags: ['v*'] } });
    const matrix = release.jobs.installers?.strategy?.matrix.include ?? [];
    expect(matrix.map((entry) => entry.os).sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    expect(matrix.map((entry) => entry.target).sort()).toEqual(['--linux', '--mac', '--win']);
  });

  it('builds the app the packaging test checks, rebuilds the native module for Electron, then publishes with update metadata', () => {
    const runs = (release.jobs.installers?.steps ?? []).map((step) => step.run ?? '');
    const order = ['npm ci', 'npm run build:release', 'npx electron-builder install-app-deps', '--publish always'].map((part) => runs.findIndex((run) => run.includes(part)));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const upload = release.jobs.installers?.steps.find((step) => step.uses?.startsWith('actions/upload-artifact'));
    expect(JSON.stringify(upload)).toContain('dist/*.yml');
  });

  it('takes signing and notarisation secrets only from the repository secrets, through the environment', () => {
    const publish = release.jobs.installers?.steps.find((step) => step.run?.includes('--publish always'));
    for (const name of ['WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD', 'CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER']) {
      expect(publish?.env?.[name], name).toMatch(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
    }
    expect(text).not.toMatch(/BEGIN (RSA |EC )?PRIVATE KEY|-----BEGIN CERTIFICATE/);
  });

  it('publishes SHA-256 sums of every artifact after all three builds', () => {
    const checksums = release.jobs.checksums;
    expect(checksums?.needs).toBe('installers');
    const runs = (checksums?.steps ?? []).map((step) => step.run ?? '').join('\n');
    expect(runs).toContain('sha256sum');
    expect(runs).toContain('gh release upload');
  });
});
