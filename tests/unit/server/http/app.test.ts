import { describe, expect, it } from 'vitest';
import { SwitchboardError } from '../../../../common/errors';
import { parseJsonBody } from '../../../../server/http/app';

describe('parseJsonBody', () => {
  it('parses JSON, with or without surrounding whitespace', () => {
    expect(parseJsonBody('{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonBody(' \n{"a":[1,2]}\t ')).toEqual({ a: [1, 2] });
    expect(parseJsonBody('null')).toBeNull();
  });

  it('reads an empty or blank body as {}', () => {
    expect(parseJsonBody('')).toEqual({});
    expect(parseJsonBody('  \r\n ')).toEqual({});
    expect(parseJsonBody('\uFEFF')).toEqual({});
  });

  it('accepts padding that String#trim removes but JSON.parse does not (a byte order mark, NBSP)', () => {
    expect(parseJsonBody('\uFEFF{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonBody('\u00A0{"a":1}\u00A0')).toEqual({ a: 1 });
  });

  it('answers malformed JSON with a VALIDATION_FAILED error on (body), never by throwing', () => {
    for (const text of ['{', '{"a":}', ' \uFEFF{oops} ', 'undefined']) {
      const result = parseJsonBody(text);
      expect(result).toBeInstanceOf(SwitchboardError);
      expect((result as SwitchboardError).code).toBe('VALIDATION_FAILED');
      expect((result as SwitchboardError).message).toMatch(/^malformed JSON body: /);
      expect((result as SwitchboardError).toBody().error.fields).toEqual([{ path: '(body)', message: 'malformed JSON' }]);
    }
  });
});
