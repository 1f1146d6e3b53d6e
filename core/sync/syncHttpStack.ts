import { createHash } from 'node:crypto';
import { DefaultHttpStack, type HttpRequest, type HttpResponse, type HttpStack } from 'tus-js-client';
import { throttledBody, type RateLimiter } from './rateLimiter.js';

export interface StackHooks {
  /** Current auth headers (the token may be refreshed between requests). */
  headers(): Record<string, string>;
  limiter?: RateLimiter;
  /** HEAD answered with the server's offset: the upload resumes there. */
  onResumeOffset?(offset: number): void;
  /** A PATCH body the server accepted. */
  onChunkAccepted?(bytes: number): void;
}

/** Sha256 of a chunk as the tus checksum extension wants it. */
export function uploadChecksum(body: Uint8Array): string {
  return `sha256 ${createHash('sha256').update(body).digest('base64')}`;
}

/**
 * tus-js-client's Node stack plus what it lacks: Upload-Checksum on every chunk (the server
 * answers 460 to a corrupted one and the chunk is re-sent), a bandwidth limit, and fresh auth headers.
 */
export class SyncHttpStack implements HttpStack {
  private readonly inner: HttpStack;

  constructor(
    requestOptions: object,
    private readonly hooks: StackHooks,
  ) {
    this.inner = new DefaultHttpStack(requestOptions);
  }

  createRequest(method: string, url: string): HttpRequest {
    return new SyncRequest(this.inner.createRequest(method, url), this.hooks);
  }

  getName(): string {
    return 'CourtDeskHttpStack';
  }
}

class SyncRequest implements HttpRequest {
  constructor(
    private readonly inner: HttpRequest,
    private readonly hooks: StackHooks,
  ) {}

  getMethod = () => this.inner.getMethod();
  getURL = () => this.inner.getURL();
  setHeader = (name: string, value: string) => this.inner.setHeader(name, value);
  getHeader = (name: string) => this.inner.getHeader(name);
  setProgressHandler = (handler: (bytesSent: number) => void) => this.inner.setProgressHandler(handler);
  abort = () => this.inner.abort();
  getUnderlyingObject = () => this.inner.getUnderlyingObject();

  async send(body?: unknown): Promise<HttpResponse> {
    for (const [name, value] of Object.entries(this.hooks.headers())) this.inner.setHeader(name, value);
    let payload = body;
    let length = 0;
    if (body instanceof Uint8Array) {
      length = body.length;
      this.inner.setHeader('Upload-Checksum', uploadChecksum(body));
      payload = this.hooks.limiter ? throttledBody(body, this.hooks.limiter) : body;
    }
    const res = await this.inner.send(payload);
    const status = res.getStatus();
    const method = this.inner.getMethod();
    if (method === 'HEAD' && status === 200) {
      const offset = Number(res.getHeader('Upload-Offset'));
      if (Number.isSafeInteger(offset)) this.hooks.onResumeOffset?.(offset);
    }
    if (method === 'PATCH' && status >= 200 && status < 300) this.hooks.onChunkAccepted?.(length);
    return res;
  }
}
