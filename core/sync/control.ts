/** Pause/resume for a running sync: an upload in flight is aborted (its server offset stays) and resumed from there. */
export class SyncControl {
  private paused = false;
  private readonly listeners = new Set<(paused: boolean) => void>();
  private waiters: (() => void)[] = [];

  get isPaused(): boolean {
    return this.paused;
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    for (const l of this.listeners) l(true);
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    for (const l of this.listeners) l(false);
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves at once when running, else when resumed. */
  untilRunning(): Promise<void> {
    return this.paused ? new Promise((resolve) => this.waiters.push(resolve)) : Promise.resolve();
  }

  subscribe(listener: (paused: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
