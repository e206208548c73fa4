// @vitest-environment happy-dom
/**
 * A panel that throws while rendering is replaced by a notice with "Try again"; the other panels keep
 * working; the error is reported (to the core's log, through the typed API, in the app).
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ErrorReport } from '../../../../common/desktop-api';
import { ErrorReporterContext, errorReportOf, reporterFor } from '../../../../renderer/src/ui/errorReporting';
import { PanelBoundary } from '../../../../renderer/src/ui/PanelBoundary';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

let broken = true;
function Flaky() {
  if (broken) throw new Error('the inbox row has no subject');
  return <p>Inbox rows</p>;
}

describe('PanelBoundary', () => {
  let container: HTMLElement;
  let root: Root;
  const reports: ErrorReport[] = [];

  beforeEach(() => {
    globalThis.IS_REACT_ACT_ENVIRONMENT = true;
    // React reports caught render errors on the console too; keep the test output readable.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    broken = true;
    reports.length = 0;
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
    vi.restoreAllMocks();
  });

  function render() {
    act(() =>
      root.render(
        <ErrorReporterContext.Provider value={(report) => reports.push(report)}>
          <PanelBoundary name="Inbox">
            <Flaky />
          </PanelBoundary>
          <PanelBoundary name="Dialer">
            <button type="button">Dial</button>
          </PanelBoundary>
        </ErrorReporterContext.Provider>,
      ),
    );
  }

  it('shows the failed panel as an error with Try again, keeps the others, and reports it', () => {
    render();
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Inbox could not be shown.');
    expect(alert?.textContent).toContain('the inbox row has no subject');
    expect(container.querySelector('button')?.textContent).toBe('Try again');
    expect([...container.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Try again', 'Dial']);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ source: 'panel', where: 'Inbox', message: 'the inbox row has no subject' });
    expect(reports[0].componentStack).toContain('Flaky');
  });

  it('renders the panel afresh on Try again', () => {
    render();
    broken = false;
    const retry = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Try again');
    act(() => {
      retry?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(container.textContent).toContain('Inbox rows');
  });
});

describe('reporterFor', () => {
  it('sends the report through the typed API, within its limits', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const sent: ErrorReport[] = [];
    const report = reporterFor({
      reportError: async (request) => {
        sent.push(request);
        return { ok: true, value: { done: true } };
      },
    });
    report(errorReportOf('event', 'offerReceived', 'x'.repeat(5000)));
    await Promise.resolve();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ source: 'event', where: 'offerReceived' });
    expect(sent[0].message).toHaveLength(2000);
    vi.restoreAllMocks();
  });
});
