import { useEffect, useRef } from 'react';
import { InboxSection } from '../features/inbox/InboxSection';
import { DialerPanel } from '../features/dialer/DialerPanel';
import { Notices } from '../features/notices/Notices';
import { OfferToasts } from '../features/offers/OfferToasts';
import { OutboundSection } from '../features/outbound/OutboundSection';
import { QueuesPanel } from '../features/queues/QueuesPanel';
import { CallsPanel } from '../features/softphone/CallsPanel';
import { WorkColumn } from '../features/work/WorkColumn';
import { Header } from './Header';

export function MainView() {
  const mainRef = useRef<HTMLElement>(null);
  // After sign-in, focus starts at the top of the work area rather than on the vanished form.
  useEffect(() => mainRef.current?.focus(), []);
  return (
    <div className="app">
      <Header />
      <main ref={mainRef} className="layout" tabIndex={-1} aria-label="Agent desktop">
        <div className="inbox-column">
          <OutboundSection />
          <InboxSection />
        </div>
        <div className="side-column">
          <DialerPanel />
          <CallsPanel />
          <WorkColumn />
          <QueuesPanel />
        </div>
      </main>
      <OfferToasts />
      <Notices />
    </div>
  );
}
