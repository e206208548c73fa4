import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { noticeDismissed, selectNotices } from './noticesSlice';

/** Refusals and withdrawals, newest last; the region is live so screen readers hear them. */
export function Notices() {
  const notices = useAppSelector(selectNotices);
  const dispatch = useAppDispatch();
  return (
    <div className="notices" aria-live="polite" data-testid="notices">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          <span>{notice.message}</span>
          <button type="button" className="button quiet small" onClick={() => dispatch(noticeDismissed(notice.id))} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
