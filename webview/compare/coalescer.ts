/**
 * Coalesces changes into computations: at most one runs, and the next one starts from the earliest
 * change not yet served, so a burst of slider moves costs one computation after the running one.
 */
export class Coalescer {
  private pendingSince: number | null = null;
  private running?: Promise<void>;

  constructor(
    /** One computation, for every change since `since` (a performance.now() time). */
    private readonly run: (since: number) => Promise<void>,
    private readonly fail: (e: unknown) => void,
  ) {}

  /** The computations in progress, if any (a new pair waits for them before it replaces the old). */
  get idle(): Promise<void> | undefined {
    return this.running;
  }

  /** Starts a computation now, or after the running one, from the earliest unserved change. */
  schedule(since = performance.now()): void {
    this.pendingSince = Math.min(this.pendingSince ?? since, since);
    if (this.running) return;
    this.running = (async () => {
      while (this.pendingSince !== null) {
        const start = this.pendingSince;
        this.pendingSince = null;
        try {
          await this.run(start);
        } catch (e) {
          this.fail(e);
        }
      }
      this.running = undefined;
    })();
  }
}
