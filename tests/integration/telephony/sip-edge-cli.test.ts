/**
 * `npm run sip-edge -- --config FILE` (contract "Telephony"): prints exactly
 * `sip edge listening on udp://HOST:PORT ws://HOST:PORT` once Kamailio and rtpengine accept, SIGTERM stops
 * both, and a port in use or a config without a `sip` block is one clear line and a non-zero exit.
 */
import { spawn } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../server/helpers';
import { freePort } from '../../support/sip/test-stack';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'switchboard-edge-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function configFile(name: string, sip: Record<string, unknown> | undefined): Promise<string> {
  const file = path.join(dir, name);
  const config = {
    listen: { host: '127.0.0.1', port: 0 },
    dataDir: path.join(dir, 'data'),
    agents: [{ username: 'alice', password: 'alice-pw', queues: ['support'] }],
    queues: [{ id: 'support', phoneNumbers: ['+15550100'] }],
    ...(sip ? { sip } : {}),
  };
  await writeFile(file, JSON.stringify(config));
  return file;
}

async function sipBlock() {
  const taken = new Set<number>();
  return {
    domain: '127.0.0.1',
    listen: { host: '127.0.0.1', udpPort: await freePort(taken), wsPort: await freePort(taken) },
    gateway: 'sip:127.0.0.1:5070',
    media: { portMin: 42800, portMax: 42899 },
    secret: 'cli-test-secret',
    controlPort: await freePort(taken),
    ngPort: await freePort(taken),
  };
}

function runCli(configPath: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/telephony/cli.ts', '--config', configPath], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function waitForLine(read: () => string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!read().includes('\n')) {
    if (Date.now() > deadline) throw new Error(`no line within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return read();
}

function bindUdp(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind({ address: '127.0.0.1', port }, () => resolve(socket));
  });
}

describe('npm run sip-edge', () => {
  it('prints its line once both accept, and SIGTERM stops Kamailio and rtpengine', async () => {
    const sip = await sipBlock();
    const cli = runCli(await configFile('ok.json', sip));
    try {
      expect(await waitForLine(cli.out)).toBe(`sip edge listening on udp://127.0.0.1:${sip.listen.udpPort} ws://127.0.0.1:${sip.listen.wsPort}\n`);
    } finally {
      cli.child.kill('SIGTERM');
    }
    expect(await cli.exited).toBe(0);
    // both are gone: their ports can be bound again
    const sockets = [await bindUdp(sip.listen.udpPort), await bindUdp(sip.ngPort)];
    for (const socket of sockets) socket.close();
  });

  it('a port in use is one line and a non-zero exit', async () => {
    const sip = await sipBlock();
    const holder = await bindUdp(sip.listen.udpPort);
    try {
      const cli = runCli(await configFile('busy.json', sip));
      expect(await cli.exited).toBe(1);
      expect(cli.out()).toBe('');
      expect(cli.err()).toBe(`sip-edge: port ${sip.listen.udpPort} on 127.0.0.1 (sip.listen.udpPort (UDP)) is in use; stop what holds it or choose another port\n`);
    } finally {
      holder.close();
    }
  });

  it('a config without a sip block says so', async () => {
    const file = await configFile('nosip.json', undefined);
    const cli = runCli(file);
    expect(await cli.exited).toBe(2);
    expect(cli.err()).toBe(`sip-edge: ${file} has no \`sip\` block (see docs/telephony.md)\n`);
  });
});
