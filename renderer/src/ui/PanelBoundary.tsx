/**
 * A React error boundary around one panel: when the panel throws while rendering, it alone is replaced by
 * a short notice with "Try again" (which renders it afresh), the rest of the app keeps working, and the
 * error goes to the core's log (errorReporting.ts).
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorReporterContext, errorReportOf, type ReportError } from './errorReporting';

type Props = {
  /** what the agent calls this panel: "Inbox", "Dialer" */
  name: string;
  children: ReactNode;
};

type State = { error: Error | null };

export class PanelBoundary extends Component<Props, State> {
  static override contextType = ErrorReporterContext;
  declare context: ReportError;
  override state: State = { error: null };

  static getDerivedStateFromError(thrown: unknown): State {
    return { error: thrown instanceof Error ? thrown : new Error(String(thrown)) };
  }

  override componentDidCatch(thrown: unknown, info: ErrorInfo): void {
    this.context(errorReportOf('panel', this.props.name, thrown, info.componentStack));
  }

  private readonly retry = (): void => {
    this.setState({ error: null });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <section className="panel-error" role="alert" aria-label={`${this.props.name}: error`}>
        <p>
          <strong>{this.props.name} could not be shown.</strong> {error.message}
        </p>
        <p className="hint">The rest of Switchboard keeps working; the error was written to the log.</p>
        <button type="button" onClick={this.retry}>
          Try again
        </button>
      </section>
    );
  }
}
