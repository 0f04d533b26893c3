// Worker threads that compute the facts of a large site's files in parallel (dist/indexWorker.js).
// The pool hands out small chunks of files to whichever worker is free, and delivers the results in
// the order of the files, so that the index records them exactly as it would have on its own. The
// server's pool ends its workers after each indexing run (their memory goes back); the checker's
// keeps them, with each file's parse, to check the files each one read.
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ComputedFacts, FactsJob, FactsWorkers } from '../index/workspace';
import type { JsonDiagnostic } from '../features/report';

export type WorkerRequest =
  | { type: 'facts'; id: number; files: string[]; keep: boolean }
  | { type: 'import'; batch: ComputedFacts[]; complete: boolean }
  | { type: 'report'; id: number; files: string[]; root: string };

export type WorkerReply =
  | { type: 'facts'; id: number; results: ComputedFacts[]; warnings: string[] }
  | { type: 'report'; id: number; reports: JsonDiagnostic[][]; warnings: string[] }
  | { type: 'error'; id: number; message: string };

/** Files per message: small enough to balance the load, large enough that messages cost little. */
const CHUNK = 48;

/** As many workers as cores, at most 4 (past that, the main thread's recording is the limit). */
export function defaultWorkerCount(): number {
  return Math.min(4, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

interface Running {
  worker: Worker;
  /** The reply handler of the request in flight. */
  pending: ((r: WorkerReply) => void) | undefined;
  failed: ((err: Error) => void) | undefined;
}

export class WorkerPool implements FactsWorkers {
  private running: Running[] = [];
  private started: string | undefined;
  /** Which worker read which file (kept workers only). */
  private readonly owner = new Map<string, number>();

  constructor(
    private readonly script: string,
    private readonly size: number = defaultWorkerCount(),
    /** Keep the workers, and their parses, after a run (the checker). */
    private readonly keep = false,
  ) {}

  private start(job: FactsJob): Running[] {
    const key = JSON.stringify([job.folders, job.options]);
    if (this.started === key && this.running.length) return this.running;
    void this.close();
    this.started = key;
    this.owner.clear();
    this.running = Array.from({ length: this.size }, () => {
      // stdout is the language server's transport: a worker's stray output goes to stderr instead.
      const worker = new Worker(this.script, { workerData: { folders: job.folders, options: job.options }, stdout: true, stderr: true });
      worker.stdout.pipe(process.stderr);
      worker.stderr.pipe(process.stderr);
      const r: Running = { worker, pending: undefined, failed: undefined };
      worker.on('message', (m: WorkerReply) => {
        if (m.type === 'error') r.failed?.(new Error(m.message));
        else r.pending?.(m);
      });
      worker.on('error', (err) => r.failed?.(err));
      worker.on('exit', (code) => r.failed?.(new Error(`an index worker exited (code ${code})`)));
      return r;
    });
    return this.running;
  }

  run(job: FactsJob, onBatch: (batch: ComputedFacts[], warnings: string[]) => void, stop: () => boolean): Promise<void> {
    const chunks: string[][] = [];
    for (let i = 0; i < job.files.length; i += CHUNK) chunks.push(job.files.slice(i, i + CHUNK));
    const workers = this.start(job);
    const results: ({ results: ComputedFacts[]; warnings: string[] } | undefined)[] = new Array(chunks.length);
    let sent = 0;
    let delivered = 0;
    let settled = false;
    return new Promise<void>((resolve, reject) => {
      const finish = (err?: Error): void => {
        if (settled) return;
        settled = true;
        for (const r of workers) r.pending = r.failed = undefined;
        if (!this.keep || err) void this.close();
        if (err) reject(err);
        else resolve();
      };
      const feed = (k: number): void => {
        const r = workers[k]!;
        if (stop()) return finish();
        if (sent >= chunks.length) return;
        const id = sent++;
        r.pending = (m) => {
          if (m.type !== 'facts' || settled) return;
          results[m.id] = { results: m.results, warnings: m.warnings };
          if (this.keep) for (const c of m.results) this.owner.set(c.file, k);
          while (delivered < chunks.length && results[delivered]) {
            const done = results[delivered]!;
            results[delivered++] = undefined;
            onBatch(done.results, done.warnings);
          }
          if (delivered === chunks.length) return finish();
          feed(k);
        };
        r.failed = (err) => finish(err);
        r.worker.postMessage({ type: 'facts', id, files: chunks[id]!, keep: this.keep } satisfies WorkerRequest);
      };
      if (chunks.length === 0) return finish();
      workers.forEach((_, k) => feed(k));
    });
  }

  /**
   * The checker's second step: every worker takes in the facts that the others computed (so each
   * holds the whole site's facts), then reports on the files it read itself. Resolves with the reports
   * by file; files no worker read are left out, for the caller to check.
   */
  async report(all: readonly ComputedFacts[], root: string): Promise<Map<string, JsonDiagnostic[]>> {
    const workers = this.running;
    const byWorker = workers.map(() => [] as string[]);
    for (const c of all) {
      const k = this.owner.get(c.file);
      if (k !== undefined) byWorker[k]!.push(c.file);
    }
    workers.forEach((r, k) => {
      r.worker.postMessage({ type: 'import', batch: all.filter((c) => this.owner.get(c.file) !== k), complete: true } satisfies WorkerRequest);
    });
    const out = new Map<string, JsonDiagnostic[]>();
    await Promise.all(
      workers.map(
        (r, k) =>
          new Promise<void>((resolve, reject) => {
            r.failed = reject;
            r.pending = (m) => {
              if (m.type !== 'report') return;
              m.reports.forEach((d, i) => out.set(byWorker[k]![i]!, d));
              resolve();
            };
            r.worker.postMessage({ type: 'report', id: k, files: byWorker[k]!, root } satisfies WorkerRequest);
          }),
      ),
    ).finally(() => {
      for (const r of workers) r.pending = r.failed = undefined;
    });
    return out;
  }

  async close(): Promise<void> {
    const workers = this.running;
    this.running = [];
    this.started = undefined;
    for (const r of workers) r.pending = r.failed = undefined;
    await Promise.all(workers.map((r) => r.worker.terminate()));
  }
}
