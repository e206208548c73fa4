/**
 * Polls a condition (every 20 ms) until it holds; fails with WHAT (a text, or a function giving one at the
 * time of failure, e.g. the counts so far) after timeoutMs. No timing is asserted: the default is generous
 * because the first media waits for ICE and a DTLS handshake in JavaScript on a busy machine.
 */
export async function waitFor(condition: () => boolean, what: string | (() => string), timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
