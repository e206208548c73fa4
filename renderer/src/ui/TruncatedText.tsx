/**
 * Text from customers, queues and other agents, shown on one line: cut with an ellipsis when too long,
 * the whole text on hover (title) and to screen readers (it is all in the DOM), and isolated from its
 * neighbours with <bdi>, so a right-to-left override inside it cannot reorder what follows.
 */
export function TruncatedText({ text, className }: { text: string; className?: string }) {
  return (
    <bdi className={className ? `truncate ${className}` : 'truncate'} title={text}>
      {text}
    </bdi>
  );
}
