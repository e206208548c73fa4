/** The number of customer messages the agent has not read, on a chat's row (seed 002's unread count). */
export function UnreadBadge({ count }: { count: number | undefined }) {
  if (!count) return null;
  const label = count === 1 ? '1 unread message' : `${count} unread messages`;
  return (
    <span className="badge badge-unread" data-testid="unread-badge" aria-label={label} title={label}>
      {count > 99 ? '99+' : count}
    </span>
  );
}
