/**
 * `tel:` and `sip:` links (RFC 3966, RFC 3261) as the number or address the dialer should show.
 * Visual separators go; anything that does not look like a dialable target is ignored, because the
 * link comes from whatever web page or document the agent clicked.
 */
export function parseDialLink(link: string): string | null {
  const match = /^(tel|sip|sips):(.+)$/i.exec(link.trim());
  if (!match) return null;
  let target: string;
  try {
    target = decodeURIComponent(match[2]);
  } catch {
    // not a URL: no number to dial
    return null;
  }
  // Drop URI parameters and headers: tel:+1-555-0100;ext=7, sip:alice@example.com;transport=tls?subject=x
  target = target.replace(/^\/\//, '').split(/[;?]/)[0];
  if (match[1].toLowerCase() === 'tel') {
    const number = target.replace(/[\s().-]/g, '');
    return /^\+?[0-9*#]{2,32}$/.test(number) ? number : null;
  }
  return /^[A-Za-z0-9+._~!$&'*=-]{1,64}(@[A-Za-z0-9.-]{1,253}(:\d{1,5})?)?$/.test(target) ? target : null;
}

/** The first dial link in a command line (a second launch, or a first launch from a link). */
export function findDialLink(argv: readonly string[]): string | null {
  for (const argument of argv) {
    const number = parseDialLink(argument);
    if (number) return number;
  }
  return null;
}
