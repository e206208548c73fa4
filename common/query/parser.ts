/**
 * Recursive-descent parser for the work-item query language (docs/query-language.md):
 *
 *   query   = or ;
 *   or      = and , { ( "OR" | "||" ) , and } ;
 *   and     = unary , { [ "AND" | "&&" ] , unary } ;   (adjacent terms are ANDed)
 *   unary   = ( "NOT" | "!" | "-" | "+" ) , unary | primary ;
 *   primary = "(" , or , ")" | field , ":" , ( value | "(" , or , ")" ) | "_exists_:" , field | term ;
 *
 * Inside a field group, `state:(active OR hold)`, a term without a field is a value of the group's field.
 *
 * Every value is validated against its field here, so a query that parses always compiles. Nesting and
 * term counts are capped, which bounds the recursion whatever the input.
 */
import type { QueryNode, RangeBound } from './ast';
import { QuerySyntaxError } from './errors';
import { describeValidFields, resolveField, type QueryField, type QueryFieldName } from './fields';
import { tokenize, type PhraseToken, type Token, type WordToken } from './lexer';
import { DAY_MS, parseTimeValue } from './time-values';

export const MAX_QUERY_LENGTH = 4000;
export const MAX_QUERY_DEPTH = 32;
export const MAX_QUERY_TERMS = 200;

type Field = QueryField & { name: QueryFieldName };

/** Parse `q` into a tree, or throw QuerySyntaxError with the 0-based position of the problem. */
export function parseQuery(q: string): QueryNode {
  if (q.length > MAX_QUERY_LENGTH) {
    throw new QuerySyntaxError(`the query is longer than ${MAX_QUERY_LENGTH} characters`, MAX_QUERY_LENGTH, 'too_complex');
  }
  return new Parser(tokenize(q)).parseQuery();
}

class Parser {
  private index = 0;
  private depth = 0;
  private terms = 0;
  /** the field of the `field:( … )` group being parsed, which bare values inside it belong to */
  private groupField: Field | null = null;

  constructor(private readonly tokens: readonly Token[]) {}

  parseQuery(): QueryNode {
    if (this.peek().kind === 'eof') {
      throw new QuerySyntaxError('the query is empty; leave q out to match every item', 0);
    }
    const node = this.parseOr();
    const rest = this.peek();
    if (rest.kind === 'rparen') throw new QuerySyntaxError("')' has no matching '('", rest.position);
    if (rest.kind !== 'eof') throw new QuerySyntaxError(`unexpected ${describe(rest)}`, rest.position);
    return node;
  }

  private parseOr(): QueryNode {
    const children = [this.parseAnd()];
    while (this.peek().kind === 'or') {
      this.next();
      children.push(this.parseAnd());
    }
    return combine('or', children);
  }

  private parseAnd(): QueryNode {
    const children = [this.parseUnary()];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'and') {
        this.next();
        children.push(this.parseUnary());
      } else if (startsUnary(token)) {
        children.push(this.parseUnary());
      } else {
        return combine('and', children);
      }
    }
  }

  private parseUnary(): QueryNode {
    const token = this.peek();
    if (token.kind === 'not' || token.kind === 'minus' || token.kind === 'plus') {
      this.next();
      this.enter(token.position);
      const child = this.parseUnary();
      this.depth--;
      // `+` marks a term as required, which every AND-joined term already is.
      return token.kind === 'plus' ? child : { type: 'not', child };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QueryNode {
    const token = this.next();
    switch (token.kind) {
      case 'lparen': {
        this.enter(token.position);
        const inner = this.parseOr();
        this.closeParen(token);
        return inner;
      }
      case 'word':
        if (this.peek().kind === 'colon') return this.parseFieldTerm(token);
        if (this.groupField) {
          this.countTerm(token.position);
          return fieldWordValue(this.groupField, token);
        }
        return this.bareTerm(token);
      case 'phrase':
        this.countTerm(token.position);
        if (this.groupField) return matchNode(this.groupField, token.text, token.position);
        if (token.text === '') throw new QuerySyntaxError('the search text is empty', token.position, 'invalid_value');
        return { type: 'text', text: token.text };
      case 'eof':
        throw new QuerySyntaxError('the query ends where a search term was expected', token.position);
      case 'and':
      case 'or':
        throw new QuerySyntaxError(`${describe(token)} must stand between two terms`, token.position);
      default:
        throw new QuerySyntaxError(`unexpected ${describe(token)} where a search term was expected`, token.position);
    }
  }

  /** A term without a field: searched for in the subject, description and the contact's details. */
  private bareTerm(word: WordToken): QueryNode {
    if (word.text === '*' && word.wildcards === 1) {
      throw new QuerySyntaxError('a bare * needs a field: write field:* or _exists_:field for "field has a value"', word.position, 'unsupported');
    }
    if (word.text === '') throw new QuerySyntaxError('the search text is empty', word.position, 'invalid_value');
    this.countTerm(word.position);
    // A bare term is already a substring search, so a trailing * adds nothing.
    if (word.wildcards === 1 && word.trailingStar) return { type: 'text', text: word.text.slice(0, -1) };
    if (word.wildcards > 0) return { type: 'wildcard', field: null, pattern: word.pattern };
    return { type: 'text', text: word.text };
  }

  private parseFieldTerm(nameToken: WordToken): QueryNode {
    if (nameToken.text.toLowerCase() === '_exists_' && nameToken.wildcards === 0) return this.parseExists(nameToken);
    const field = resolveField(nameToken.text);
    if (!field || nameToken.wildcards > 0) {
      throw new QuerySyntaxError(`unknown field '${nameToken.text}'. ${describeValidFields()}`, nameToken.position, 'unknown_field');
    }
    const colon = this.next();
    const value = this.next();
    const valuePosition = colon.position + 1;
    this.countTerm(nameToken.position);
    const adjacent = value.position === valuePosition;
    if (adjacent && (value.kind === 'lbracket' || value.kind === 'lbrace')) return this.parseRange(field, value);
    if (adjacent && value.kind === 'lparen') return this.parseGroup(field, value);
    if (adjacent && value.kind === 'phrase') return matchNode(field, value.text, value.position);
    if (!adjacent || value.kind !== 'word') {
      throw new QuerySyntaxError(`expected a value right after '${nameToken.text}:'`, valuePosition);
    }
    return fieldWordValue(field, value);
  }

  /** `_exists_:field`, Lucene's spelling of `field:*`. */
  private parseExists(nameToken: WordToken): QueryNode {
    const colon = this.next();
    const value = this.next();
    if (value.kind !== 'word' || value.position !== colon.position + 1) {
      throw new QuerySyntaxError(`expected a field name right after '_exists_:'`, colon.position + 1);
    }
    const field = resolveField(value.text);
    if (!field || value.wildcards > 0) {
      throw new QuerySyntaxError(`unknown field '${value.text}'. ${describeValidFields()}`, value.position, 'unknown_field');
    }
    this.countTerm(nameToken.position);
    return { type: 'exists', field: field.name };
  }

  /** `field:( … )`: the group's bare terms and phrases are values of `field`. */
  private parseGroup(field: Field, open: Token): QueryNode {
    if (this.groupField) {
      throw new QuerySyntaxError(`a field group cannot hold another field group`, open.position, 'unsupported');
    }
    this.enter(open.position);
    this.groupField = field;
    const inner = this.parseOr();
    this.groupField = null;
    this.closeParen(open);
    return inner;
  }

  /** Consumes the `)` that closes `open` and leaves its nesting level; anything else is an error there. */
  private closeParen(open: Token): void {
    const close = this.next();
    if (close.kind !== 'rparen') {
      const message =
        close.kind === 'eof'
          ? `the '(' at position ${open.position} is never closed`
          : `expected ')' to close the '(' at position ${open.position}, found ${describe(close)}`;
      throw new QuerySyntaxError(message, close.kind === 'eof' ? open.position : close.position);
    }
    this.depth--;
  }

  /** `[lower TO upper]`; `[`/`]` include the bound, `{`/`}` exclude it, `*` leaves that side open. */
  private parseRange(field: Field, open: Token): QueryNode {
    if (field.type !== 'integer' && field.type !== 'timestamp') {
      throw new QuerySyntaxError(
        `a range works on integer and timestamp fields, not on ${field.type} field ${field.name}`,
        open.position,
        'unsupported',
      );
    }
    const lowerToken = this.expectBound(open);
    const to = this.next();
    if (to.kind !== 'to') {
      throw new QuerySyntaxError(`expected TO between the bounds of the range, found ${describe(to)}`, to.position);
    }
    const upperToken = this.expectBound(open);
    const close = this.next();
    if (close.kind !== 'rbracket' && close.kind !== 'rbrace') {
      const message =
        close.kind === 'eof'
          ? `the range opened at position ${open.position} is never closed`
          : `expected ] or } to close the range opened at position ${open.position}, found ${describe(close)}`;
      throw new QuerySyntaxError(message, close.position);
    }
    const lower = rangeBoundOf(field, lowerToken, open.kind === 'lbracket', 'lower');
    const upper = rangeBoundOf(field, upperToken, close.kind === 'rbracket', 'upper');
    return { type: 'range', field: field.name, lower, upper };
  }

  private expectBound(open: Token): WordToken | PhraseToken {
    const token = this.next();
    if (token.kind === 'word' || token.kind === 'phrase') return token;
    const message =
      token.kind === 'eof'
        ? `the range opened at position ${open.position} is never closed`
        : `expected a range bound (a value or *), found ${describe(token)}`;
    throw new QuerySyntaxError(message, token.position);
  }

  private enter(position: number): void {
    if (++this.depth > MAX_QUERY_DEPTH) {
      throw new QuerySyntaxError(`the query nests deeper than ${MAX_QUERY_DEPTH} levels`, position, 'too_complex');
    }
  }

  private countTerm(position: number): void {
    if (++this.terms > MAX_QUERY_TERMS) {
      throw new QuerySyntaxError(`the query has more than ${MAX_QUERY_TERMS} terms`, position, 'too_complex');
    }
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    // eof is the last token and stays current, so running past the end keeps reporting it
    if (token.kind !== 'eof') this.index++;
    return token;
  }
}

function startsUnary(token: Token): boolean {
  return (
    token.kind === 'word' ||
    token.kind === 'phrase' ||
    token.kind === 'lparen' ||
    token.kind === 'not' ||
    token.kind === 'minus' ||
    token.kind === 'plus'
  );
}

/** Flattens `a AND (b AND c)` into one list, and a single child into itself. */
function combine(type: 'and' | 'or', children: QueryNode[]): QueryNode {
  if (children.length === 1) return children[0];
  const flat = children.flatMap((child) => (child.type === type ? child.children : [child]));
  return { type, children: flat };
}

/** field:value, with the value checked and converted for the field's type. */
function matchNode(field: Field, text: string, position: number): QueryNode {
  switch (field.type) {
    case 'keyword': {
      if (!field.values) return { type: 'match', field: field.name, value: text };
      const wanted = text.toLowerCase();
      const canonical = field.values.find((v) => v.toLowerCase() === wanted);
      if (canonical === undefined) {
        throw new QuerySyntaxError(
          `${field.name} must be one of ${field.values.join(', ')}; got '${text}'`,
          position,
          'invalid_value',
        );
      }
      return { type: 'match', field: field.name, value: canonical };
    }
    case 'text':
      return { type: 'match', field: field.name, value: text };
    case 'integer':
      return { type: 'match', field: field.name, value: parseInteger(field, text, position) };
    case 'timestamp': {
      const time = parseTime(field, text, position);
      // A date alone means that whole UTC day.
      if (time.kind === 'day') {
        return {
          type: 'range',
          field: field.name,
          lower: { value: time.start, inclusive: true },
          upper: { value: time.start + DAY_MS, inclusive: false },
        };
      }
      return { type: 'match', field: field.name, value: time.value };
    }
  }
}

/** `<=2`, `>now-1h`: a comparison is a range open on one side. */
const COMPARISON = /^(<=|>=|<|>)/;

/** An unquoted value after `field:` (or inside `field:( … )`): a comparison, `*`, a pattern or a value. */
function fieldWordValue(field: Field, token: WordToken): QueryNode {
  const comparison = COMPARISON.exec(token.text)?.[1];
  if (comparison !== undefined) {
    if (field.type !== 'integer' && field.type !== 'timestamp') {
      throw new QuerySyntaxError(
        `a comparison (${comparison}) works on integer and timestamp fields, not on ${field.type} field ${field.name}`,
        token.position,
        'unsupported',
      );
    }
    const text = token.text.slice(comparison.length);
    const position = token.position + comparison.length;
    if (text === '') throw new QuerySyntaxError(`expected a value after '${comparison}'`, position, 'invalid_value');
    const inclusive = comparison.endsWith('=');
    if (comparison.startsWith('<')) return { type: 'range', field: field.name, lower: null, upper: rangeBound(field, text, position, inclusive, 'upper') };
    return { type: 'range', field: field.name, lower: rangeBound(field, text, position, inclusive, 'lower'), upper: null };
  }
  if (token.wildcards === 0) return matchNode(field, token.text, token.position);
  if (token.text === '*') return { type: 'exists', field: field.name };
  if (field.type !== 'keyword' && field.type !== 'text') {
    throw new QuerySyntaxError(
      `a wildcard (* or ?) works on text and keyword fields, not on ${field.type} field ${field.name}`,
      token.wildcardAt,
      'unsupported',
    );
  }
  if (token.wildcards === 1 && token.trailingStar) return { type: 'prefix', field: field.name, prefix: token.text.slice(0, -1) };
  return { type: 'wildcard', field: field.name, pattern: token.pattern };
}

function rangeBoundOf(field: Field, token: WordToken | PhraseToken, inclusive: boolean, side: 'lower' | 'upper'): RangeBound | null {
  if (token.kind === 'word' && token.wildcards > 0) {
    if (token.text === '*') return null;
    throw new QuerySyntaxError('a range bound is a value or * alone', token.wildcardAt, 'invalid_value');
  }
  return rangeBound(field, token.text, token.position, inclusive, side);
}

function rangeBound(field: Field, text: string, position: number, inclusive: boolean, side: 'lower' | 'upper'): RangeBound {
  if (field.type === 'integer') return { value: parseInteger(field, text, position), inclusive };
  const time = parseTime(field, text, position);
  if (time.kind === 'instant') return { value: time.value, inclusive };
  // A date alone stands for its whole day: `[a TO 2026-11-21]` takes in all of the 21st,
  // `{2026-11-21 TO b]` starts after it.
  if (side === 'lower') return inclusive ? { value: time.start, inclusive: true } : { value: time.start + DAY_MS, inclusive: true };
  return inclusive ? { value: time.start + DAY_MS, inclusive: false } : { value: time.start, inclusive: false };
}

function parseInteger(field: Field, text: string, position: number): number {
  const value = /^[+-]?\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value)) {
    throw new QuerySyntaxError(`${field.name} must be an integer; got '${text}'`, position, 'invalid_value');
  }
  return value;
}

function parseTime(field: Field, text: string, position: number) {
  const time = parseTimeValue(text);
  if (!time) {
    throw new QuerySyntaxError(
      `${field.name} must be a time: Unix ms, now, now-1d (units s m h d w) or an ISO date such as 2026-11-21 or 2026-11-21T09:30:00Z; got '${text}'`,
      position,
      'invalid_value',
    );
  }
  return time;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'word':
      return `'${token.text}'`;
    case 'phrase':
      return `"${token.text}"`;
    case 'eof':
      return 'the end of the query';
    case 'and':
    case 'or':
    case 'not':
    case 'to':
      return token.kind.toUpperCase();
    case 'minus':
      return "'-'";
    case 'plus':
      return "'+'";
    default:
      return `'${{ lparen: '(', rparen: ')', colon: ':', lbracket: '[', rbracket: ']', lbrace: '{', rbrace: '}' }[token.kind]}'`;
  }
}
