// When diagnostics are sent again. A pulling client (textDocument/diagnostic) pulls a document itself
// when it changes, so it is asked to pull again (workspace/diagnostic/refresh) only when other open
// documents' answers changed; a push client is sent each affected open document's diagnostics.
import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../index/workspace';
import type { FeatureSettings } from '../features/settings';

export class Republisher {
  /** The client pulls diagnostics (set at initialize). */
  pull = false;
  /** A pulling client can be asked to pull again. */
  refreshSupport = false;

  constructor(
    private readonly connection: Connection,
    private readonly index: WorkspaceIndex<FeatureSettings>,
    private readonly diagnosticsOf: (file: string) => Diagnostic[],
    private readonly toUri: (file: string) => string,
  ) {}

  /** Re-diagnoses the given files (open ones only) after a change elsewhere. */
  files(files: readonly string[]): void {
    const open = files.filter((f) => this.index.isOpen(f));
    if (this.pull) {
      if (open.length > 0 && this.refreshSupport) void this.connection.languages.diagnostics.refresh();
      return;
    }
    for (const f of open) void this.connection.sendDiagnostics({ uri: this.toUri(f), version: this.index.versionOf(f), diagnostics: this.diagnosticsOf(f) });
  }

  /** Every open document (after indexing, or a settings change). */
  openFiles(): void {
    this.files(this.index.openFiles());
  }

  /**
   * After an open document changed: its open dependents (from the index's include and link graphs),
   * and for a push client the document itself. A keystroke that changes nothing another page reads
   * sends nothing more.
   */
  documentChanged(file: string, dependents: readonly string[]): void {
    this.files(this.pull ? dependents : [file, ...dependents]);
  }

  /** After a document closed: a push client's diagnostics of it are cleared; its dependents re-checked. */
  documentClosed(uri: string, dependents: readonly string[]): void {
    if (!this.pull) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.files(dependents);
  }
}
