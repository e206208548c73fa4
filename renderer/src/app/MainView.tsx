import { useEffect, useRef } from 'react';
import { InboxSection } from '../features/inbox/InboxSection';
import { DialerPanel } from '../features/dialer/DialerPanel';
import { Notices } from '../features/notices/Notices';
import { OfferToasts } from '../features/offers/OfferToasts';
import { OutboundSection } from '../features/outbound/OutboundSection';
import { QueuesPanel } from '../features/queues/QueuesPanel';
import { CallsPanel } from '../features/softphone/CallsPanel';
import { WorkColumn } from '../features/work/WorkColumn';
import { PanelBoundary } from '../shared/PanelBoundary';
import { Header } from './Header';

export function MainView() {
  const mainRef = useRef<HTMLElement>(null);
  // After sign-in, focus starts at the top of the work area rather than on the vanished form.
  useEffect(() => mainRef.current?.focus(), []);
  return (
    <div className="app">
      {/* Each panel fails alone: a render error shows in its place with "Try again", the rest keeps working. */}
      <PanelBoundary name="Header">
        <Header />
      </PanelBoundary>
      <main ref={mainRef} className="layout" tabIndex={-1} aria-label="Agent desktop">
        <div className="inbox-column">
          <PanelBoundary name="Outbound">
            <OutboundSection />
          </PanelBoundary>
          <PanelBoundary name="Inbox">
            <InboxSection />
          </PanelBoundary>
        </div>
        <div className="side-column">
          <PanelBoundary name="Dialer">
            <DialerPanel />
          </PanelBoundary>
          <PanelBoundary name="Calls">
            <CallsPanel />
          </PanelBoundary>
          <PanelBoundary name="Work item">
            <WorkColumn />
          </PanelBoundary>
          <PanelBoundary name="Queues">
            <QueuesPanel />
          </PanelBoundary>
        </div>
      </main>
      <PanelBoundary name="Offers">
        <OfferToasts />
      </PanelBoundary>
      <PanelBoundary name="Notices">
        <Notices />
      </PanelBoundary>
    </div>
  );
}
