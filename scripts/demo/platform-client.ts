/**
 * The simulator's side of the platform's HTTP API: one bearer credential (an integration's API key) and
 * every answer checked with zod, so a platform that answers something unexpected is a clear error, not a
 * crash three calls later.
 */
import type { z } from 'zod';

export class DemoApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class DemoPlatformClient {
  constructor(
    private readonly baseUrl: string,
    private readonly bearer: string,
  ) {}

  async request<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${this.bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new DemoApiError(response.status, `${method} ${path} → ${response.status} ${text.slice(0, 300)}`);
    const parsed = schema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new DemoApiError(response.status, `${method} ${path}: unexpected answer: ${parsed.error.message}`);
    return parsed.data;
  }
}
