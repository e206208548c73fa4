/**
 * Bencode, the encoding of rtpengine's ng control protocol: just enough of it for the tests' ng client
 * (byte strings, integers, lists, dictionaries; no floats exist in bencode).
 */
export type BValue = string | number | BValue[] | { [key: string]: BValue };

export function bencode(value: BValue): Buffer {
  const parts: Buffer[] = [];
  const put = (v: BValue): void => {
    if (typeof v === 'string') {
      const bytes = Buffer.from(v, 'utf8');
      parts.push(Buffer.from(`${bytes.length}:`), bytes);
    } else if (typeof v === 'number') {
      if (!Number.isInteger(v)) throw new Error(`bencode has no non-integer numbers: ${v}`);
      parts.push(Buffer.from(`i${v}e`));
    } else if (Array.isArray(v)) {
      parts.push(Buffer.from('l'));
      v.forEach(put);
      parts.push(Buffer.from('e'));
    } else {
      parts.push(Buffer.from('d'));
      // Keys sorted as raw strings, as the format requires.
      for (const key of Object.keys(v).sort()) {
        put(key);
        put(v[key]);
      }
      parts.push(Buffer.from('e'));
    }
  };
  put(value);
  return Buffer.concat(parts);
}

/** Decodes one value that must span the whole buffer; byte strings come back as UTF-8 text. */
export function bdecode(input: Buffer): BValue {
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`bad bencode at byte ${at}: ${why}`);
  };
  const read = (): BValue => {
    const c = input[at];
    if (c === undefined) return fail('unexpected end');
    if (c === 0x69 /* i */) {
      const end = input.indexOf(0x65 /* e */, at);
      if (end < 0) fail('unterminated integer');
      const n = Number(input.subarray(at + 1, end).toString('ascii'));
      if (!Number.isInteger(n)) fail('not an integer');
      at = end + 1;
      return n;
    }
    if (c === 0x6c /* l */) {
      at += 1;
      const list: BValue[] = [];
      while (input[at] !== 0x65) list.push(read());
      at += 1;
      return list;
    }
    if (c === 0x64 /* d */) {
      at += 1;
      const dict: { [key: string]: BValue } = {};
      while (input[at] !== 0x65) {
        const key = read();
        if (typeof key !== 'string') fail('dictionary key is not a string');
        dict[key as string] = read();
      }
      at += 1;
      return dict;
    }
    const colon = input.indexOf(0x3a /* : */, at);
    if (colon < 0) fail('string without length');
    const length = Number(input.subarray(at, colon).toString('ascii'));
    if (!Number.isInteger(length) || length < 0) fail('bad string length');
    const start = colon + 1;
    if (start + length > input.length) fail('string runs past the end');
    at = start + length;
    return input.subarray(start, at).toString('utf8');
  };
  const value = read();
  if (at !== input.length) fail('trailing bytes');
  return value;
}
