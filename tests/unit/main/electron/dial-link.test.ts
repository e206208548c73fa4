import { describe, expect, it } from 'vitest';
import { findDialLink, parseDialLink } from '../../../../main/electron/dial-link';

describe('parseDialLink', () => {
  it.each([
    ['tel:+15550100', '+15550100'],
    ['tel:+1-555-0100', '+15550100'],
    ['tel:+1%20(555)%200100', '+15550100'],
    ['tel:+15550100;ext=7', '+15550100'],
    ['TEL:0800123456', '0800123456'],
    ['tel:*31#', '*31#'],
    ['sip:alice@pbx.example.com', 'alice@pbx.example.com'],
    ['sip:alice@pbx.example.com:5061;transport=tls', 'alice@pbx.example.com:5061'],
    ['sips:1001@pbx.example.com?subject=hi', '1001@pbx.example.com'],
    ['sip:1001', '1001'],
  ])('%s → %s', (link, expected) => {
    expect(parseDialLink(link)).toBe(expected);
  });

  it.each(['https://example.com', 'tel:', 'tel:abc', 'tel:+1;555', 'sip:<script>', 'sip:a b@c', 'tel:%E0%A4%A', 'mailto:x@y', '--inspect=9229'])(
    'ignores %s',
    (link) => {
      expect(parseDialLink(link)).toBeNull();
    },
  );

  it('finds the first link in a command line', () => {
    expect(findDialLink(['/opt/Switchboard/switchboard', '--no-sandbox', 'tel:+15550100', 'sip:x@y'])).toBe('+15550100');
    expect(findDialLink(['/opt/Switchboard/switchboard'])).toBeNull();
  });
});
