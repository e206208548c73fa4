/**
 * Splits a query into tokens. Lexing is a little context-sensitive so that values can hold colons
 * (`createdAt:[2026-11-21T10:00:00Z TO *]`) and hyphens (`now-1d`) without quoting: after `field:` and
 * inside a range, `:` is part of a word; elsewhere it separates a field from its value, and a leading `-`
 * negates.
 */
import { QuerySyntaxError } from './errors';

export type PunctuationKind = 'lparen' | 'rparen' | 'colon' | 'lbracket' | 'rbracket' | 'lbrace' | 'rbrace';
export type KeywordKind = 'and' | 'or' | 'not' | 'to';

export interface WordToken {
  readonly kind: 'word';
  readonly position: number;
  /** the literal text: escapes resolved, a trailing wildcard `*` removed */
  readonly text: string;
  /** ended with an unescaped `*` (a prefix query, or `*` alone) */
  readonly trailingStar: boolean;
  /** position of an unescaped `*` that is not at the end, or -1 */
  readonly innerStarAt: number;
}

export interface PhraseToken {
  readonly kind: 'phrase';
  readonly position: number;
  readonly text: string;
}

export type Token =
  | WordToken
  | PhraseToken
  | { readonly kind: PunctuationKind | KeywordKind | 'minus' | 'eof'; readonly position: number };

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
      if (mode === 'value') mode = 'normal';
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
    if (ch === '-' && mode === 'normal' && startsOperand(input, i + 1)) {
      tokens.push({ kind: 'minus', position: i });
      i++;
      continue;
    }
    const { token, end, plain } = readWord(input, i, mode !== 'normal');
    i = end;
    const keyword = plain ? keywordOf(token.text, mode) : undefined;
    tokens.push(keyword ? { kind: keyword, position: token.position } : token);
    if (mode === 'value') mode = 'normal';
  }
  tokens.push({ kind: 'eof', position: input.length });
  return tokens;
}

/** `-` negates only when something follows it directly: `-state:closed`, `-(a OR b)`. */
function startsOperand(input: string, at: number): boolean {
  const next = input[at];
  return next !== undefined && !WHITESPACE.test(next) && next !== ')' && next !== '-';
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
  let plain = true;
  let innerStarAt = -1;
  let lastStarAt = -1; // position in input of an unescaped `*` that ends the text so far
  let i = start;
  while (i < input.length) {
    const ch = input[i];
    if (WHITESPACE.test(ch) || ALWAYS_BREAKS.has(ch) || (ch === ':' && !colonsAllowed)) break;
    if (lastStarAt !== -1) {
      // the earlier `*` was not the last character after all
      if (innerStarAt === -1) innerStarAt = lastStarAt;
      text += '*';
      lastStarAt = -1;
    }
    if (ch === '\\') {
      if (i + 1 >= input.length) throw new QuerySyntaxError('a \\ at the end has nothing to escape', i);
      text += input[i + 1];
      plain = false;
      i += 2;
      continue;
    }
    if (ch === '*') lastStarAt = i;
    else text += ch;
    i++;
  }
  return {
    token: { kind: 'word', position: start, text, trailingStar: lastStarAt !== -1, innerStarAt },
    end: i,
    plain,
  };
}
