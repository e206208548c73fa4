/** The desktop core in browser mode, against a given platform, serving build/renderer. */
import path from 'node:path';
import { startTsProcess, type StartedProcess } from './processes';

export type RunningDesktop = { url: string; process: StartedProcess };

/** `env` adds to the process's environment, e.g. SWITCHBOARD_POLICY_FILE (read once, at start-up). */
export async function startBrowserMode(platformUrl: string, dataDir: string, env: Record<string, string> = {}): Promise<RunningDesktop> {
  const started = await startTsProcess(
    'main/browser/cli.ts',
    ['--platform', platformUrl, '--data-dir', dataDir, '--port', '0', '--renderer', path.resolve('build/renderer')],
    { name: 'browser mode', readyLine: /Switchboard \(browser mode\): open (http:\/\/\S+)/, timeoutMs: 60_000, env },
  );
  return { url: started.ready[1], process: started };
}
