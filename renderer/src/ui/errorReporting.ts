/**
 * Where the renderer sends errors it could not handle: to the desktop core's log through the typed API
 * (`reportError`), so support finds them beside the core's own; and to the console for whoever has the
 * developer tools open. Panels reach the reporter through ErrorReporterContext (a live function, so it
 * stays out of Redux).
 */
import { createContext } from 'react';
import type { ErrorReport, SwitchboardApi } from '../../../common/desktop-api';

export type ReportError = (report: ErrorReport) => void;

const MAX_MESSAGE = 2000;
const MAX_STACK = 20_000;

/** A report within the operation's limits, from whatever was thrown. */
export function errorReportOf(source: ErrorReport['source'], where: string, thrown: unknown, componentStack?: string | null): ErrorReport {
  const error = thrown instanceof Error ? thrown : null;
  const message = (error?.message || String(thrown) || 'unknown error').slice(0, MAX_MESSAGE);
  const report: ErrorReport = { source, where: where.slice(0, 200) || 'unknown', message };
  if (error?.stack) report.stack = error.stack.slice(0, MAX_STACK);
  if (componentStack) report.componentStack = componentStack.slice(0, MAX_STACK);
  return report;
}

function toConsole(report: ErrorReport): void {
  console.error(`switchboard: ${report.source} ${report.where}: ${report.message}`);
}

/** Reports to the console and to the core's log; a report that cannot be delivered is said on the console. */
export function reporterFor(api: Pick<SwitchboardApi, 'reportError'>): ReportError {
  return (report) => {
    toConsole(report);
    api.reportError(report).then(
      (result) => {
        if (!result.ok) console.error(`switchboard: the core refused the error report: ${result.error.message}`);
      },
      (error: unknown) => console.error('switchboard: the error report could not be sent', error),
    );
  };
}

export const ErrorReporterContext = createContext<ReportError>(toConsole);
