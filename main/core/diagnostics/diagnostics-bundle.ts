/**
 * "Save diagnostics": one zip a support engineer can ask an agent for, holding the core's logs, the
 * versions, the settings and the policy (secrets redacted everywhere, logs included) and the last
 * call-quality figures (the softphone logs each call's summary as `callQuality`).
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LOG_DIR } from '../log/core-log';
import { redactLogText, redactSecrets } from './redact';
import { createZip, type ZipEntry } from './zip-writer';

export const DIAGNOSTICS_DIR = 'diagnostics';
/** call summaries kept in the bundle */
const LAST_CALLS = 20;

export interface DiagnosticsInput {
  dataDir: string;
  appVersion: string;
  settings: unknown;
  policy: { values: Record<string, unknown>; locked: string[]; error: string | null };
  now: Date;
}

export interface SavedDiagnostics {
  path: string;
  bytes: number;
  files: string[];
}

async function logFiles(dataDir: string): Promise<{ name: string; text: string }[]> {
  const dir = path.join(dataDir, LOG_DIR);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.log')).sort();
  } catch (error) {
    // no log folder yet (a core that never started with a file log): the bundle says so in README.txt
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(path.join(dir, name), 'utf8') })));
}

/** The `callQuality` entries of the log lines, oldest first, the last LAST_CALLS of them. */
export function lastCallQuality(logTexts: readonly string[]): unknown[] {
  const found: { time: number; callQuality: unknown }[] = [];
  for (const text of logTexts) {
    for (const line of text.split('\n')) {
      if (!line.includes('"callQuality"')) continue;
      try {
        const entry = JSON.parse(line) as { time?: number; callQuality?: unknown };
        if (entry.callQuality !== undefined) found.push({ time: entry.time ?? 0, callQuality: entry.callQuality });
      } catch {
        // a torn line at the end of a file being written: skipped
      }
    }
  }
  return found
    .sort((a, b) => a.time - b.time)
    .slice(-LAST_CALLS)
    .map(({ time, callQuality }) => ({ at: new Date(time).toISOString(), ...(callQuality as object) }));
}

export async function buildDiagnosticsEntries(input: DiagnosticsInput): Promise<ZipEntry[]> {
  const logs = await logFiles(input.dataDir);
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
  const versions = {
    app: input.appVersion,
    ...process.versions,
    os: { platform: process.platform, release: os.release(), arch: process.arch, version: typeof os.version === 'function' ? os.version() : null },
    savedAt: input.now.toISOString(),
  };
  return [
    {
      name: 'README.txt',
      data: Buffer.from(
        [
          'Switchboard diagnostics',
          `saved ${input.now.toISOString()}`,
          '',
          'versions.json      app, Electron/Chrome/Node and OS versions',
          'settings.json      the settings in effect, secrets redacted',
          'policy.json        the IT policy in effect and its problems, secrets redacted',
          'call-quality.json  the last calls\' quality (MOS, RTT, jitter, loss)',
          `logs/              the core's logs (${logs.length} file${logs.length === 1 ? '' : 's'}), secrets redacted`,
          '',
        ].join('\n'),
      ),
    },
    { name: 'versions.json', data: json(versions) },
    { name: 'settings.json', data: json(redactSecrets(input.settings)) },
    { name: 'policy.json', data: json(redactSecrets(input.policy)) },
    { name: 'call-quality.json', data: json(lastCallQuality(logs.map((log) => log.text))) },
    ...logs.map((log) => ({ name: `logs/${log.name}`, data: Buffer.from(redactLogText(log.text)) })),
  ];
}

export async function saveDiagnostics(input: DiagnosticsInput): Promise<SavedDiagnostics> {
  const entries = await buildDiagnosticsEntries(input);
  const zip = createZip(entries, input.now);
  const dir = path.join(input.dataDir, DIAGNOSTICS_DIR);
  await mkdir(dir, { recursive: true });
  const stamp = input.now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  const file = path.join(dir, `switchboard-diagnostics-${stamp}.zip`);
  await writeFile(file, zip);
  return { path: file, bytes: zip.length, files: entries.map((entry) => entry.name) };
}
