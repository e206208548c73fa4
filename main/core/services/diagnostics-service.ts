/**
 * Errors the renderer could not handle (a panel that failed to render, an answer or event outside the
 * contract) go to the core's log, where support finds them beside the core's own.
 */
import type { CoreContext, CoreService } from './context';

export function diagnosticsService({ log }: CoreContext): CoreService {
  return {
    name: 'diagnostics',
    handlers: {
      reportError(report) {
        log.error({ renderer: report }, `renderer: ${report.source} ${report.where}: ${report.message}`);
        return { done: true as const };
      },
    },
  };
}
