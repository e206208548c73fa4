/**
 * A page for bench/inbox.bench.ts: the real inbox (InboxSection, its virtual table, the real store) over a
 * fake core holding ITEMS work items, paged as the core pages them. `window.inboxBench.mount()` renders it
 * and resolves with the time from render to the first rows painted; `plainTable()` renders the same rows
 * the bare way (every row in one <table>), the baseline. Both are then scrolled by the bench.
 */
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { makeStore } from '../../../renderer/src/app/store';
import { InboxSection } from '../../../renderer/src/features/inbox/InboxSection';
import { fakeSwitchboard, ok, workItem } from '../../unit/renderer/fixtures';

const ITEMS = 10_000;
const items = Array.from({ length: ITEMS }, (_, i) =>
  workItem({ subject: `Customer request ${i}`, state: i % 3 === 0 ? 'active' : 'dispositioned', priority: ([1, 2, 3, 5, 8] as const)[i % 5], contact: { name: `Customer ${i}`, phone: null, email: null } }),
);

const switchboard = fakeSwitchboard();
switchboard.handle('listInbox', (request) => {
  const start = request.start ?? 0;
  const rows = request.rows ?? 50;
  return ok({ total: items.length, start, rows, items: items.slice(start, start + rows) });
});
switchboard.handle('listOutbound', () => ok([]));
switchboard.handle('listQueues', () => ok([]));

const paintedAfter = (started: number, selector: string) =>
  new Promise<number>((resolve) => {
    const check = () => (document.querySelector(selector) ? requestAnimationFrame(() => resolve(performance.now() - started)) : requestAnimationFrame(check));
    check();
  });

function container(): HTMLElement {
  document.body.replaceChildren();
  const box = document.createElement('div');
  box.className = 'pane pane-left bench-box';
  document.body.append(box);
  return box;
}

const bench = {
  async mount(): Promise<number> {
    const box = container();
    const started = performance.now();
    createRoot(box).render(
      <Provider store={makeStore(switchboard)}>
        <InboxSection />
      </Provider>,
    );
    return paintedAfter(started, '[data-testid="inbox-row"]');
  },
  async plainTable(): Promise<number> {
    const box = container();
    const started = performance.now();
    const scroll = document.createElement('div');
    scroll.className = 'inbox-scroll';
    scroll.dataset.testid = 'inbox-scroll';
    const table = document.createElement('table');
    for (const item of items) {
      const row = table.insertRow();
      for (const text of [item.subject ?? '', item.contact.name ?? '', item.state, String(item.priority), '', item.queueId ?? '']) row.insertCell().textContent = text;
    }
    scroll.append(table);
    box.append(scroll);
    return paintedAfter(started, 'table tr');
  },
};
Object.assign(window, { inboxBench: bench });
