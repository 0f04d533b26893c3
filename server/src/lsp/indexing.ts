// An indexing run as the editor sees it: the status notification (indexing, then the sites found),
// work-done progress over the first pass, the open pages' diagnostics once the index is ready, and
// the second pass in the background.
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../index/workspace';
import type { FeatureSettings } from '../features/settings';
import { StatusNotification } from '../protocol';
import type { Logger } from '../util/logger';

export interface IndexingHooks {
  /** Before each run: the web worker waits there for the files the sites' setup reads. */
  beforeIndex?(index: WorkspaceIndex<FeatureSettings>): Promise<void>;
  /** When the index is ready (every file's URLs and includes known). */
  afterReady?(): void;
  /** When the index is ready, or failed to be: the open pages are checked again. */
  whenSettled(): void;
}

export class Indexing {
  constructor(
    private readonly connection: Connection,
    private readonly index: WorkspaceIndex<FeatureSettings>,
    private readonly logger: Logger,
    private readonly hooks: IndexingHooks,
  ) {}

  async run(): Promise<void> {
    const { index, logger } = this;
    this.sendStatus(true);
    await this.hooks.beforeIndex?.(index);
    const progress = new LateProgress(this.connection, 'Indexing handbook', 'finding pages');
    const started = Date.now();
    let ready = false;
    try {
      await index.ensureReady({
        report: (done, total) => progress.report(total ? Math.round((done / total) * 100) : 100, `${done}/${total} files`),
      });
      ready = true;
      this.hooks.afterReady?.();
      logger.info(`Index ready in ${Date.now() - started} ms.`);
    } catch (err) {
      logger.error(`Indexing failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    } finally {
      progress.done();
    }
    this.sendStatus(false);
    this.hooks.whenSettled();
    if (!ready) return;
    // The second pass (outlines, links and term tables of every page) goes on in the background;
    // references, renames, moves and workspace symbols wait for it.
    try {
      await index.ensureIndexed();
      logger.info(`Index complete in ${Date.now() - started} ms.`);
    } catch (err) {
      logger.error(`Indexing failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    }
  }

  private sendStatus(indexing: boolean): void {
    const { index } = this;
    const sites = index.sites.map((s) => {
      let pages = 0;
      let includes = 0;
      for (const f of index.allFacts()) {
        if (index.siteOf(f.file) !== s) continue;
        if (f.kind === 'page') pages++;
        else includes++;
      }
      return { root: s.root, pages, includes };
    });
    void this.connection.sendNotification(StatusNotification, { sites, indexing });
  }
}

/**
 * Work-done progress whose token the client grants when it gets to it: the work never waits for the
 * `window/workDoneProgress/create` round trip (an extension host busy at start-up answers it late).
 * Until the token arrives, reports are only kept; a token granted after the work ended is ended at once.
 */
class LateProgress {
  private reporter: WorkDoneProgressServerReporter | undefined;
  private latest: { percent: number; message: string };
  private ended = false;

  constructor(connection: Connection, title: string, message: string) {
    this.latest = { percent: 0, message };
    connection.window.createWorkDoneProgress().then(
      (reporter) => {
        if (this.ended) return reporter.done();
        this.reporter = reporter;
        reporter.begin(title, this.latest.percent, this.latest.message, false);
      },
      () => undefined, // no progress shown; the work goes on
    );
  }

  report(percent: number, message: string): void {
    this.latest = { percent, message };
    this.reporter?.report(percent, message);
  }

  done(): void {
    this.ended = true;
    this.reporter?.done();
  }
}
