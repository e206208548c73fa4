import { useEffect, useRef } from 'react';
import { DialerPanel } from '../features/dialer/DialerPanel';
import { InboxSection } from '../features/inbox/InboxSection';
import { Notices } from '../features/notices/Notices';
import { OfferToasts } from '../features/offers/OfferToasts';
import { OutboundSection } from '../features/outbound/OutboundSection';
import { QueuesPanel } from '../features/queues/QueuesPanel';
import { CallsPanel } from '../features/softphone/CallsPanel';
import { ItemContext } from '../features/workspace/ItemContext';
import { ScreenShortcuts } from '../features/shortcuts/ScreenShortcuts';
import { SelectedInteraction } from '../features/workspace/SelectedInteraction';
import { WorkList } from '../features/workspace/WorkList';
import { selectSelectedItem } from '../features/workspace/workspaceSelectors';
import { PanelBoundary } from '../ui/PanelBoundary';
import { Header } from './Header';
import { useAppSelector } from './hooks';
import { Splitter } from './layout/Splitter';
import { usePaneWidths } from './layout/usePaneWidths';

/**
 * The agent's screen: a header that never scrolls, and three regions that scroll on their own — the work
 * list (Outbound, current work, inbox) on the left, the selected interaction in the centre, its context
 * on the right — with resizable, remembered widths.
 */
export function MainView() {
  const mainRef = useRef<HTMLElement>(null);
  const { widths, resize } = usePaneWidths();
  const selectedId = useAppSelector(selectSelectedItem)?.workitemId ?? null;
  // After sign-in, focus starts at the top of the work area rather than on the vanished form.
  useEffect(() => mainRef.current?.focus(), []);
  // The widths go in as CSS variables through the CSSOM, which the CSP allows (style attributes it does not).
  useEffect(() => {
    mainRef.current?.style.setProperty('--left-width', `${widths.left}px`);
    mainRef.current?.style.setProperty('--right-width', `${widths.right}px`);
  }, [widths]);
  return (
    <div className="app">
      {/* Each panel fails alone: a render error shows in its place with "Try again", the rest keeps working. */}
      <PanelBoundary name="Header">
        <Header />
      </PanelBoundary>
      <main ref={mainRef} className="layout" tabIndex={-1} aria-label="Agent desktop">
        <section className="pane pane-left" aria-label="Work list" data-testid="pane-left">
          <PanelBoundary name="Outbound">
            <OutboundSection />
          </PanelBoundary>
          <PanelBoundary name="Current work">
            <WorkList />
          </PanelBoundary>
          <PanelBoundary name="Inbox">
            <InboxSection />
          </PanelBoundary>
        </section>
        <Splitter pane="left" label="Resize the work list" width={widths.left} onResize={(width) => resize('left', width)} />
        <section className="pane pane-centre" aria-label="Selected interaction" data-testid="pane-centre">
          <PanelBoundary name="Dialer">
            <DialerPanel />
          </PanelBoundary>
          <PanelBoundary name="Calls">
            <CallsPanel selectedId={selectedId} />
          </PanelBoundary>
          <PanelBoundary name="Work item">
            <SelectedInteraction />
          </PanelBoundary>
        </section>
        <Splitter pane="right" label="Resize the context pane" width={widths.right} onResize={(width) => resize('right', width)} />
        <section className="pane pane-right" aria-label="Context" data-testid="pane-right">
          <PanelBoundary name="Context">
            <ItemContext />
          </PanelBoundary>
          <PanelBoundary name="Queues">
            <QueuesPanel />
          </PanelBoundary>
        </section>
      </main>
      <PanelBoundary name="Offers">
        <OfferToasts />
      </PanelBoundary>
      <ScreenShortcuts />
      <PanelBoundary name="Notices">
        <Notices />
      </PanelBoundary>
    </div>
  );
}
