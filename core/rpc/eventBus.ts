import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../contract/index.js';

/** Typed fan-out of contract events from core services to every connected host. */
export class EventBus {
  private readonly emitter = new EventEmitter({ captureRejections: false });

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    this.emitter.emit(name, payload);
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
