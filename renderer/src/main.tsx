/** Entry point: one store talking through the typed API (window.switchboard, or browser mode's WebSocket). */
import { StrictMode } from 'react';
import { z } from 'zod';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { getSwitchboard } from './api';
import { App } from './app/App';
import { connectApi } from './app/connectApi';
import { makeStore } from './app/store';
import { startSoftphone } from './features/softphone/startSoftphone';
import { ErrorReporterContext, errorReportOf, reporterFor } from './ui/errorReporting';
import { PanelBoundary } from './ui/PanelBoundary';
import './styles.css';

// zod probes for eval on first use; the page's CSP forbids eval and reports even a caught attempt.
z.config({ jitless: true });

const switchboard = getSwitchboard();
const reportError = reporterFor(switchboard);
// What no panel caught (an event handler, a promise nobody awaited) still reaches the core's log.
window.addEventListener('error', (event) => reportError(errorReportOf('window', 'error', event.error ?? event.message)));
window.addEventListener('unhandledrejection', (event) => reportError(errorReportOf('window', 'unhandledrejection', event.reason)));
const store = makeStore(switchboard);
const disconnect = connectApi(store, switchboard);
const stopSoftphone = startSoftphone(store, switchboard);
window.addEventListener('pagehide', () => {
  stopSoftphone();
  disconnect();
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <Provider store={store}>
      <ErrorReporterContext.Provider value={reportError}>
        <PanelBoundary name="Switchboard">
          <App />
        </PanelBoundary>
      </ErrorReporterContext.Provider>
    </Provider>
  </StrictMode>,
);
