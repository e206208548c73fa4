/**
 * The `sort` parameter: `priority asc,createdAt desc`. Only whitelisted fields; workitemId is always the
 * last key so that pages (LIMIT/OFFSET) never repeat or skip an item when the other keys tie.
 */
import { quoteColumn } from './compile-sql';
import { QuerySyntaxError } from './errors';
import { describeValidFields, resolveField, type QueryFieldName } from './fields';

export const DEFAULT_SORT_SQL = '"priority" ASC, "createdAt" ASC, "workitemId" ASC';
export const MAX_SORT_KEYS = 10;
export const MAX_SORT_LENGTH = 500;

/** An ORDER BY list (without the keywords) for `sort`; throws QuerySyntaxError with path `sort`. */
export function compileSort(sort: string | undefined): string {
  if (sort === undefined || sort.trim() === '') return DEFAULT_SORT_SQL;
  const fail = (message: string, position: number, reason: QuerySyntaxError['reason']): never => {
    throw new QuerySyntaxError(message, position, reason, 'sort');
  };
  if (sort.length > MAX_SORT_LENGTH) fail(`longer than ${MAX_SORT_LENGTH} characters`, MAX_SORT_LENGTH, 'too_complex');

  const keys: string[] = [];
  const seen = new Set<QueryFieldName>();
  let segmentStart = 0;
  for (const segment of sort.split(',')) {
    const words = [...segment.matchAll(/\S+/g)].map((m) => ({ text: m[0], at: segmentStart + m.index }));
    const [name, direction, extra] = words;
    if (!name) fail('empty sort key; write field or field asc|desc, separated by commas', segmentStart, 'syntax');
    const field = resolveField(name.text);
    if (!field) fail(`unknown sort field '${name.text}'. ${describeValidFields()}`, name.at, 'unknown_field');
    if (direction && !/^(asc|desc)$/i.test(direction.text)) {
      fail(`sort direction must be asc or desc; got '${direction.text}'`, direction.at, 'invalid_value');
    }
    if (extra) fail('a sort key is a field and an optional direction; separate keys with commas', extra.at, 'syntax');
    if (seen.has(field!.name)) fail(`${field!.name} appears twice in the sort`, name.at, 'invalid_value');
    if (seen.size >= MAX_SORT_KEYS) fail(`at most ${MAX_SORT_KEYS} sort keys`, name.at, 'too_complex');
    seen.add(field!.name);
    keys.push(`${quoteColumn(field!.name)} ${direction?.text.toLowerCase() === 'desc' ? 'DESC' : 'ASC'}`);
    segmentStart += segment.length + 1;
  }
  if (!seen.has('workitemId')) keys.push(`${quoteColumn('workitemId')} ASC`);
  return keys.join(', ');
}
