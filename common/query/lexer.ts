/**
 * Splits a query into tokens. Lexing is a little context-sensitive so that values can hold colons
 * (`createdAt:[2026-11-21T10:00:00Z TO *]`), hyphens (`now-1d`) and comparisons (`priority:<=2`) without
 * quoting: after `field:` and inside a range, `:` is part of a word; elsewhere it separates a field from
 * its value, and a leading `-`, `+` or `!` is an operator.
 *
 * Lucene syntax this language does not run — boosts (`^`), fuzzy and proximity (`~`), regular
 * expressions (`/…/`) — is refused here with its position rather than read as text, so nobody gets
 * results for a query they did not mean.
 */
import { QuerySyntaxError } from './errors';

export type PunctuationKind = 'lparen' | 'rparen' | 'colon' | 'lbracket' | 'rbracket' | 'lbrace' | 'rbrace';
export type KeywordKind = 'and' | 'or' | 'not' | 'to';

export interface WordToken {
  readonly kind: 'word';
  readonly position: number;
  /** the literal text with escapes resolved; unescaped wildcards (`*`, `?`) stay in it as typed */
  readonly text: string;
  /** the same word as a wildcard pattern: unescaped `*`/`?` bare, every literal `*`, `?` or `\` escaped with `\` */
  readonly pattern: string;
  /** how many unescaped `*` and `?` the word holds */
  readonly wildcards: number;
  /** position in the input of the first unescaped wildcard, or -1 */
  readonly wildcardAt: number;
  /** the word ends with an unescaped `*` (a prefix query, or `*` alone) */
  readonly trailingStar: boolean;
}

export interface PhraseToken {
  readonly kind: 'phrase';
  readonly position: number;
  readonly text: string;
}

export type Token =
  | WordToken
  | PhraseToken
  | { readonly kind: PunctuationKind | KeywordKind | 'minus' | 'plus' | 'eof'; readonly position: number };

const PUNCTUATION: Readonly<Record<string, PunctuationKind>> = {
  '(': 'lparen',
  ')': 'rparen',
  ':': 'colon',
  '[': 'lbracket',
  ']': 'rbracket',
  '{': 'lbrace',
  '}': 'rbrace',
};

const WHITESPACE = /\s/;
/** Characters that end an unquoted word anywhere; `:` is added outside values. */
const ALWAYS_BREAKS = new Set(['(', ')', '[', ']', '{', '}', '"']);

type Mode = 'normal' | 'value' | 'range';

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let mode: Mode = 'normal';
  let i = 0;

  while (i < input.length) {
    const ch = input[i];
    if (WHITESPACE.test(ch)) {
      // A value must follow its colon directly; the parser reports `state: x`.
      if (mode === 'value') mode = 'normal';
      i++;
      continue;
    }
    if (ch === '"') {
      const { token, end } = readPhrase(input, i);
      tokens.push(token);
      i = end;
      if (input[i] === '~') {
        throw new QuerySyntaxError('proximity search ("…"~N) is not supported; drop the ~N to search for the phrase', i, 'unsupported');
      }
      if (input[i] === '^') throw unsupportedBoost(i);
      if (mode === 'value') mode = 'normal';
      continue;
    }
    // Also inside a range: readWord stops at `&&`/`||`, so skipping them here would read empty words forever.
    const operator = booleanOperatorAt(input, i);
    if (operator) {
      tokens.push({ kind: operator, position: i });
      i += 2;
      mode = 'normal';
      continue;
    }
    const punctuation = PUNCTUATION[ch];
    if (punctuation && !(punctuation === 'colon' && mode !== 'normal')) {
      tokens.push({ kind: punctuation, position: i });
      i++;
      if (punctuation === 'colon') mode = 'value';
      else if ((punctuation === 'lbracket' || punctuation === 'lbrace') && mode === 'value') mode = 'range';
      else if (punctuation === 'rbracket' || punctuation === 'rbrace') mode = 'normal';
      else if (mode === 'value') mode = 'normal';
      continue;
    }
    if (mode === 'normal') {
      const prefix = PREFIX_OPERATORS[ch];
      if (prefix && (prefix === 'not' || startsOperand(input, i + 1))) {
        tokens.push({ kind: prefix, position: i });
        i++;
        continue;
      }
    }
    if (ch === '/' && mode !== 'range') {
      throw new QuerySyntaxError('regular expressions (/…/) are not supported; quote the value or escape the / as \\/', i, 'unsupported');
    }
    const { token, end, plain } = readWord(input, i, mode !== 'normal');
    // Every pass must consume input: a word that reads nothing would be pushed forever.
    if (end === i) throw new QuerySyntaxError(`unexpected '${ch}'`, i);
    i = end;
    const keyword = plain ? keywordOf(token.text, mode) : undefined;
    tokens.push(keyword ? { kind: keyword, position: token.position } : token);
    if (mode === 'value') mode = 'normal';
  }
  tokens.push({ kind: 'eof', position: input.length });
  return tokens;
}

/** `-x` excludes, `+x` requires (as every AND-joined term already is), `!x` negates like NOT. */
const PREFIX_OPERATORS: Readonly<Record<string, 'minus' | 'plus' | 'not'>> = { '-': 'minus', '+': 'plus', '!': 'not' };

/** `&&` and `||` are AND and OR wherever they stand, even without spaces (`a&&b`), as in Lucene. */
function booleanOperatorAt(input: string, at: number): 'and' | 'or' | undefined {
  const pair = input.slice(at, at + 2);
  if (pair === '&&') return 'and';
  if (pair === '||') return 'or';
  return undefined;
}

/** `-` and `+` are operators only when something follows directly: `-state:closed`, `+(a OR b)`; `a - b` keeps its `-`. */
function startsOperand(input: string, at: number): boolean {
  const next = input[at];
  return next !== undefined && !WHITESPACE.test(next) && next !== ')' && next !== '-' && next !== '+';
}

function unsupportedBoost(position: number): QuerySyntaxError {
  return new QuerySyntaxError('boosts (^) are not supported: every term counts the same; escape it as \\^ to search for it', position, 'unsupported');
}

function keywordOf(word: string, mode: Mode): KeywordKind | undefined {
  const upper = word.toUpperCase();
  if (mode === 'normal' && (upper === 'AND' || upper === 'OR' || upper === 'NOT')) {
    return upper.toLowerCase() as KeywordKind;
  }
  if (mode === 'range' && upper === 'TO') return 'to';
  return undefined;
}

/** A double-quoted value; `\"` and `\\` escape, and `*` inside quotes is literal. */
function readPhrase(input: string, start: number): { token: PhraseToken; end: number } {
  let text = '';
  let i = start + 1;
  while (i < input.length) {
    const ch = input[i];
    if (ch === '\\') {
      if (i + 1 >= input.length) break;
      text += input[i + 1];
      i += 2;
      continue;
    }
    if (ch === '"') return { token: { kind: 'phrase', position: start, text }, end: i + 1 };
    text += ch;
    i++;
  }
  throw new QuerySyntaxError('unterminated quoted value: add the closing "', start);
}

const WILDCARDS = new Set(['*', '?']);

/**
 * An unquoted word. `\` makes the next character literal (`50\%`, `a\*`, `a\ b`). `plain` is false when
 * any escape was used, so `\AND` is a search term, not the keyword.
 */
function readWord(
  input: string,
  start: number,
  colonsAllowed: boolean,
): { token: WordToken; end: number; plain: boolean } {
  let text = '';
  let pattern = '';
  let plain = true;
  let wildcards = 0;
  let wildcardAt = -1;
  let trailingStar = false;
  let i = start;
  while (i < input.length) {
    const ch = input[i];
    if (WHITESPACE.test(ch) || ALWAYS_BREAKS.has(ch) || (ch === ':' && !colonsAllowed)) break;
    if (booleanOperatorAt(input, i)) break;
    trailingStar = false;
    if (ch === '\\') {
      if (i + 1 >= input.length) throw new QuerySyntaxError('a \\ at the end has nothing to escape', i);
      const escaped = input[i + 1];
      text += escaped;
      pattern += WILDCARDS.has(escaped) || escaped === '\\' ? `\\${escaped}` : escaped;
      plain = false;
      i += 2;
      continue;
    }
    if (ch === '^') throw unsupportedBoost(i);
    if (ch === '~') {
      throw new QuerySyntaxError('fuzzy search (~) is not supported; use a wildcard such as te?t or bill* instead', i, 'unsupported');
    }
    if (WILDCARDS.has(ch)) {
      wildcards++;
      if (wildcardAt === -1) wildcardAt = i;
      trailingStar = ch === '*';
    }
    text += ch;
    pattern += ch;
    i++;
  }
  return {
    token: { kind: 'word', position: start, text, pattern, wildcards, wildcardAt, trailingStar },
    end: i,
    plain,
  };
}
