import { useAppSelector } from '../../app/hooks';
import { selectWorkedItems, selectWrapUpItems } from '../inbox/inboxSelectors';
import { ActiveItemPanel } from './ActiveItemPanel';
import { WrapUpPanel } from './WrapUpPanel';

/** What the agent is working on now: active items, then those waiting for a disposition. */
export function WorkColumn() {
  const worked = useAppSelector(selectWorkedItems);
  const wrapUps = useAppSelector(selectWrapUpItems);
  return (
    <aside className="work-column" aria-label="Current work">
      {worked.length === 0 && wrapUps.length === 0 && (
        <div className="card idle">
          <h2>No active work</h2>
          <p className="muted">Accept an offer or dial an outbound item to start.</p>
        </div>
      )}
      {worked.map((item) => (
        <ActiveItemPanel key={item.workitemId} item={item} />
      ))}
      {wrapUps.map((item) => (
        <WrapUpPanel key={item.workitemId} item={item} />
      ))}
    </aside>
  );
}
