// The web client's reader: streams file contents from the editor's file system to the language server's
// web worker. Reads are concurrent but bounded (at most `concurrency` in flight: the GitLab Web IDE fetches
// each file over the network), the files the worker asks for go before the rest, the whole feed can be
// cancelled, and it reports progress. Deliveries are batched: what completes in one turn goes in one
// message. No VS Code API here (client/src/browser.ts wires it), so tests drive it with a slow double.

export interface FeedOptions {
  /** Reads one file's text; null when it cannot be read. */
  read(file: string): Promise<string | null>;
  /** Hands a batch of contents over (to the worker). */
  deliver(batch: { file: string; text: string | null }[]): void;
  /** At most this many reads at once. */
  concurrency: number;
  /** After each delivered batch: files read and files known to the feed. */
  onProgress?(done: number, total: number): void;
  /** At most this many files per delivered batch. */
  maxBatch?: number;
}

export class FileFeed {
  private readonly urgent: string[] = [];
  private readonly background: string[] = [];
  /** Queued, in flight or read: every file the feed has been told of. */
  private readonly known = new Set<string>();
  private readonly read = new Set<string>();
  private inFlight = 0;
  private maxInFlight = 0;
  private cancelled = false;
  private batch: { file: string; text: string | null }[] = [];
  private flushScheduled = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly opts: FeedOptions) {}

  /** Read these after whatever was asked for first. */
  enqueue(files: readonly string[]): void {
    for (const f of files) {
      if (this.known.has(f)) continue;
      this.known.add(f);
      this.background.push(f);
    }
    this.pump();
  }

  /** Read these before anything not yet started (the worker needs them now). */
  prioritize(files: readonly string[]): void {
    for (const f of files) {
      if (this.read.has(f)) continue;
      if (this.known.has(f)) {
        const i = this.background.indexOf(f);
        if (i < 0) continue; // in flight or already urgent
        this.background.splice(i, 1);
      }
      this.known.add(f);
      this.urgent.push(f);
    }
    this.pump();
  }

  /** Forgets a file (deleted): it is not read if it has not started. */
  forget(file: string): void {
    for (const q of [this.urgent, this.background]) {
      const i = q.indexOf(file);
      if (i >= 0) q.splice(i, 1);
    }
    this.known.delete(file);
    this.read.delete(file);
  }

  /** Stops: nothing more is started or delivered. */
  cancel(): void {
    this.cancelled = true;
    this.urgent.length = 0;
    this.background.length = 0;
    this.batch = [];
    this.settleIdle();
  }

  get isCancelled(): boolean {
    return this.cancelled;
  }

  /** The most reads that were in flight at once. */
  get peakInFlight(): number {
    return this.maxInFlight;
  }

  get readCount(): number {
    return this.read.size;
  }

  get total(): number {
    return this.known.size;
  }

  /** Resolves when nothing is queued or in flight (and everything read has been delivered). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.cancelled || (this.inFlight === 0 && this.urgent.length === 0 && this.background.length === 0 && this.batch.length === 0);
  }

  private settleIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private pump(): void {
    while (!this.cancelled && this.inFlight < this.opts.concurrency) {
      const file = this.urgent.shift() ?? this.background.shift();
      if (file === undefined) break;
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      void this.opts
        .read(file)
        .catch(() => null)
        .then((text) => {
          this.inFlight--;
          if (this.cancelled || !this.known.has(file)) return this.settleIdle();
          this.read.add(file);
          this.batch.push({ file, text });
          if (this.batch.length >= (this.opts.maxBatch ?? 64)) this.flush();
          else this.scheduleFlush();
          this.pump();
        });
    }
  }

  /** What completes in the same turn goes in one batch. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setTimeout(() => {
      this.flushScheduled = false;
      this.flush();
    }, 0);
  }

  private flush(): void {
    if (this.cancelled || this.batch.length === 0) return this.settleIdle();
    const batch = this.batch;
    this.batch = [];
    this.opts.deliver(batch);
    this.opts.onProgress?.(this.read.size, this.known.size);
    this.settleIdle();
  }
}
