import { useAppSelector } from '../../app/hooks';
import { WORKED_STATES } from '../inbox/inboxSelectors';
import { ActiveItemPanel } from '../work/ActiveItemPanel';
import { WrapUpPanel } from '../work/WrapUpPanel';
import { ItemDetails } from './ItemDetails';
import { selectSelectedItem } from './workspaceSelectors';

/** The centre: the one interaction chosen in the work list (or the inbox), as working panel, wrap-up or details. */
export function SelectedInteraction() {
  const item = useAppSelector(selectSelectedItem);
  if (!item) {
    return (
      <div className="card idle" data-testid="no-selection">
        <h2>No active work</h2>
        <p className="muted">Accept an offer, dial, or pick an item in the inbox.</p>
      </div>
    );
  }
  // Keyed by item: switching interactions starts each panel afresh (its focus, its unsent form).
  if (WORKED_STATES.includes(item.state)) return <ActiveItemPanel key={item.workitemId} item={item} />;
  if (item.state === 'terminated') return <WrapUpPanel key={item.workitemId} item={item} />;
  return <ItemDetails key={item.workitemId} item={item} />;
}
