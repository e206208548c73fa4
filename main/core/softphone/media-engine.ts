/**
 * The media engine as main sees it: something that answers media requests (common/softphone-api.ts).
 * In production that is the renderer, reached through `RendererMediaBridge` (requests pushed as
 * `mediaRequest` events, answers coming back through the `answerMediaRequest` operation); in tests, a
 * Node WebRTC peer or a fake implements the same interface directly.
 */
import { randomUUID } from 'node:crypto';
import { SwitchboardError } from '../../../common/errors';
import {
  MEDIA_ANSWER_SCHEMAS,
  type MediaAnswer,
  type MediaRequest,
  type MediaRequestEnvelope,
  type MediaRequestKind,
  type MediaResult,
} from '../../../common/softphone-api';

export type MediaRequestOf<K extends MediaRequestKind> = Extract<MediaRequest, { kind: K }>;

export interface MediaEngine {
  /** resolves with the engine's answer, or rejects with a SwitchboardError that says why there is none */
  request<K extends MediaRequestKind>(request: MediaRequestOf<K>): Promise<MediaAnswer<K>>;
  /** whether an engine is there to ask (no window → an inbound call is declined, not left ringing) */
  isAttached(): boolean;
}

export type RendererMediaBridgeOptions = {
  /** pushes a request to the renderer (the core's `mediaRequest` event) */
  push: (envelope: MediaRequestEnvelope) => void;
  /** a request unanswered for this long fails (an engine that hung, a window that went away unseen) */
  timeoutMs?: number;
};

type Pending = {
  kind: MediaRequestKind;
  engineId: string;
  resolve: (answer: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
};

export class RendererMediaBridge implements MediaEngine {
  private engineId: string | null = null;
  private readonly pending = new Map<string, Pending>();
  private readonly attachListeners = new Set<(engineId: string) => void>();
  private readonly timeoutMs: number;

  constructor(private readonly options: RendererMediaBridgeOptions) {
    // getDescription waits for full ICE gathering in the renderer; a few seconds is normal, 15 is not
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  isAttached(): boolean {
    return this.engineId !== null;
  }

  get attachedEngine(): string | null {
    return this.engineId;
  }

  /** A newer engine (a reloaded window) replaces the older one, whose requests fail at once. */
  attach(engineId: string): void {
    if (this.engineId !== null && this.engineId !== engineId) this.failAll(this.engineId, 'The media engine was replaced by a newer window.');
    this.engineId = engineId;
    for (const listener of [...this.attachListeners]) listener(engineId);
  }

  detach(engineId: string): void {
    if (this.engineId !== engineId) return;
    this.engineId = null;
    this.failAll(engineId, 'The media engine went away (the window closed or reloaded).');
  }

  /** Called when an engine attaches: the softphone renegotiates the calls that outlived the old one. */
  onAttach(listener: (engineId: string) => void): () => void {
    this.attachListeners.add(listener);
    return () => this.attachListeners.delete(listener);
  }

  request<K extends MediaRequestKind>(request: MediaRequestOf<K>): Promise<MediaAnswer<K>> {
    const engineId = this.engineId;
    if (engineId === null) {
      return Promise.reject(new SwitchboardError('OFFLINE', 'No media engine is attached: open the Switchboard window to take calls.'));
    }
    const requestId = `mr_${randomUUID()}`;
    return new Promise<MediaAnswer<K>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new SwitchboardError('OFFLINE', `The media engine did not answer "${request.kind}" within ${this.timeoutMs} ms.`));
      }, this.timeoutMs);
      timer.unref();
      this.pending.set(requestId, { kind: request.kind, engineId, resolve: resolve as (answer: unknown) => void, reject, timer });
      this.options.push({ engineId, requestId, request });
    });
  }

  /**
   * The renderer's answer (already shape-checked as a MediaResult by the operation's schema); its
   * `answer` is checked here against the schema of the request it pairs with.
   */
  answer(requestId: string, result: MediaResult): void {
    const pending = this.pending.get(requestId);
    if (pending === undefined) {
      throw new SwitchboardError('NOT_FOUND', `No media request "${requestId}" is waiting (it timed out, or was answered already).`);
    }
    this.pending.delete(requestId);
    clearTimeout(pending.timer);
    if (!result.ok) {
      pending.reject(new SwitchboardError('INTERNAL', `The media engine could not ${pending.kind}: ${result.error.message}`));
      return;
    }
    const parsed = MEDIA_ANSWER_SCHEMAS[pending.kind].safeParse(result.answer);
    if (!parsed.success) {
      const error = new SwitchboardError('VALIDATION_FAILED', `The media engine's answer to ${pending.kind} is malformed: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      pending.reject(error);
      throw error;
    }
    pending.resolve(parsed.data);
  }

  close(): void {
    if (this.engineId !== null) this.failAll(this.engineId, 'The softphone stopped.');
    this.engineId = null;
  }

  private failAll(engineId: string, message: string): void {
    for (const [requestId, pending] of this.pending) {
      if (pending.engineId !== engineId) continue;
      this.pending.delete(requestId);
      clearTimeout(pending.timer);
      pending.reject(new SwitchboardError('OFFLINE', message));
    }
  }
}
