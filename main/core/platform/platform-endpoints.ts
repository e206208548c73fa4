/**
 * The platform's addresses when it runs as several nodes (docs/scaling.md "Several nodes"): the one the
 * agent signed in to first, then the policy's `platformFailoverUrls`. Every node answers the whole API (a
 * follower forwards to the routing node), so any live one will do: the HTTP client and the event stream
 * both use `current`, and whoever finds it unreachable moves everyone on to the next, in turn, wrapping
 * round. Shared by one session's client and stream, so a failover seen by one is used by the other.
 */
export class PlatformEndpoints {
  readonly urls: readonly string[];
  private index = 0;

  constructor(primary: string, failover: readonly string[] = []) {
    // The same node twice would only make a failed round longer.
    this.urls = [...new Set([primary, ...failover])];
  }

  get current(): string {
    return this.urls[this.index] as string;
  }

  /**
   * `url` could not serve a request: move on to the next node, unless someone already moved past it
   * (two requests failing on the same node move one step, not two).
   */
  failed(url: string): void {
    if (url === this.current) this.index = (this.index + 1) % this.urls.length;
  }
}
