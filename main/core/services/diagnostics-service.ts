/**
 * Support: errors the renderer could not handle (a panel that failed to render, an answer or event outside
 * the contract) go to the core's log, where support finds them beside the core's own; and "Save
 * diagnostics" writes the zip support asks for (main/core/diagnostics).
 */
import { saveDiagnostics } from '../diagnostics/diagnostics-bundle';
import { settingsView } from '../settings';
import type { CoreContext, CoreService } from './context';

export function diagnosticsService({ log, settings, policy, options, now }: CoreContext): CoreService {
  return {
    name: 'diagnostics',
    handlers: {
      reportError(report) {
        log.error({ renderer: report }, `renderer: ${report.source} ${report.where}: ${report.message}`);
        return { done: true as const };
      },
      async saveDiagnostics() {
        const saved = await saveDiagnostics({
          dataDir: options.dataDir,
          appVersion: options.appVersion ?? 'development',
          settings: settingsView(settings, policy),
          policy,
          now: new Date(now()),
        });
        log.info({ diagnostics: saved.path, bytes: saved.bytes }, 'diagnostics saved');
        return saved;
      },
    },
  };
}
