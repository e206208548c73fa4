/**
 * The agent's search box as an FTS5 query: every word must match the start of a word in the subject,
 * description, contact name, phone or email ("ali smi" finds Alice Smith; "1555" finds +15551234567).
 * Words are quoted, so FTS5 operators typed by the agent are plain text, never syntax errors.
 */
export function toFtsQuery(text: string): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words
    .slice(0, 16)
    .map((word) => `"${word.replace(/"/g, '""')}"*`)
    .join(' ');
}
