// The edge between the engine and LSP: document URIs <-> engine paths, offsets <-> positions, and the
// engine's answers (problems, edits, completions, symbols, folds) -> LSP's types. Every conversion the
// server makes is here, and nothing here decides anything.
import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type ClientCapabilities,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Location,
  type Position,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { CompletionResult } from '../features/completion';
import type { SymbolEntry } from '../features/links';
import type { Edit, Problem, ProblemData, Severity } from '../features/types';
import type { WorkspaceIndex } from '../index/workspace';
import type { FeatureSettings } from '../features/settings';
import { LineMap } from '../util/positions';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const COMPLETION_KIND: Record<CompletionResult['items'][number]['kind'], CompletionItemKind> = {
  folder: CompletionItemKind.Folder,
  term: CompletionItemKind.Text,
  anchor: CompletionItemKind.Reference,
  file: CompletionItemKind.File,
  shortcode: CompletionItemKind.Function,
  param: CompletionItemKind.Property,
  closing: CompletionItemKind.Keyword,
  key: CompletionItemKind.Property,
};

/** How a front end other than Node's maps its URIs (the web worker: server/src/webProtocol.ts). */
export interface UriMapping {
  /** The engine path of a document URI that is not a file: URI (undefined: not a workspace file). */
  toPath?(uri: string): string | undefined;
  /** The URI of an engine path (default: a file: URI). */
  toUri?(file: string): string;
}

// Documents that are not files (untitled:, git:, vscode-notebook-cell:) get a path that no file
// system has (it holds a NUL), so that nothing is ever read for them (a relative fsPath would be
// read from the server's working folder), and the way back to their URI.
const NOT_A_FILE = '/\0not-a-file/';

export class LspConverter {
  /** The client's capabilities (set at initialize): whether edits may create files, snippets. */
  capabilities: ClientCapabilities = {};

  constructor(
    private readonly index: WorkspaceIndex<FeatureSettings>,
    private readonly mapping: UriMapping = {},
  ) {}

  toPath = (uri: string): string => {
    const mapped = this.mapping.toPath?.(uri);
    if (mapped !== undefined) return mapped;
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : NOT_A_FILE + encodeURIComponent(uri);
  };

  toUri = (file: string): string =>
    file.startsWith(NOT_A_FILE) ? decodeURIComponent(file.slice(NOT_A_FILE.length)) : this.mapping.toUri?.(file) ?? URI.file(file).toString();

  lineMapOf(file: string): LineMap {
    return LineMap.of(this.index.textOf(file) ?? '');
  }

  range(map: LineMap, start: number, end: number): Range {
    return { start: map.positionAt(start), end: map.positionAt(end) };
  }

  location(l: { file: string; start: number; end: number }): Location {
    return { uri: this.toUri(l.file), range: this.range(this.lineMapOf(l.file), l.start, l.end) };
  }

  /** The engine's file and offset at an LSP position; undefined when the index has no text for it. */
  offsetAt(uri: string, position: Position): { file: string; offset: number } | undefined {
    const file = this.toPath(uri);
    const text = this.index.textOf(file);
    if (text === undefined) return undefined;
    return { file, offset: LineMap.of(text).offsetAt(position) };
  }

  diagnostics(file: string, problems: readonly Problem[]): Diagnostic[] {
    const map = this.lineMapOf(file);
    return problems.map((p) => ({
      range: this.range(map, p.start, p.end),
      severity: SEVERITY[p.severity],
      code: p.code,
      source: 'handbook',
      message: p.message,
      data: p.data,
      relatedInformation: p.related?.map((r) => ({ location: this.location(r), message: r.message })),
    }));
  }

  /** The problem a client sends back with a code-action request (ours only: source handbook). */
  problemOf(file: string, map: LineMap, d: Diagnostic): Problem | undefined {
    if (d.source !== 'handbook' || typeof d.code !== 'string') return undefined;
    return {
      file,
      start: map.offsetAt(d.range.start),
      end: map.offsetAt(d.range.end),
      severity: 'error',
      code: d.code,
      message: typeof d.message === 'string' ? d.message : (d.message as { value: string }).value,
      data: d.data as ProblemData | undefined,
    };
  }

  /** The client can apply an edit that creates files (a fix that creates one fails the whole edit otherwise). */
  canCreateFiles(): boolean {
    const we = this.capabilities.workspace?.workspaceEdit;
    return !!we?.documentChanges && !!we.resourceOperations?.includes('create');
  }

  /** One workspace edit: document changes with versions where the client takes them, else changes by URI. */
  workspaceEdit(edit: Edit): WorkspaceEdit {
    const byFile = new Map<string, typeof edit.changes>();
    for (const c of edit.changes) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
    const textEdits = (file: string, changes: typeof edit.changes) => {
      const map = this.lineMapOf(file);
      return changes.map((c) => ({ range: this.range(map, c.start, c.end), newText: c.newText }));
    };
    if (this.capabilities.workspace?.workspaceEdit?.documentChanges) {
      return {
        documentChanges: [
          ...edit.creates.map((c) => ({ kind: 'create' as const, uri: this.toUri(c.file), options: { ignoreIfExists: true, overwrite: false } })),
          ...[...byFile].map(([file, changes]) => ({ textDocument: { uri: this.toUri(file), version: this.index.versionOf(file) ?? null }, edits: textEdits(file, changes) })),
        ],
      };
    }
    const changes: WorkspaceEdit['changes'] = {};
    for (const [file, cs] of byFile) changes[this.toUri(file)] = textEdits(file, cs);
    return { changes };
  }

  completionList(file: string, result: CompletionResult): CompletionList {
    const map = this.lineMapOf(file);
    const snippets = !!this.capabilities.textDocument?.completion?.completionItem?.snippetSupport;
    const items: CompletionItem[] = result.items.map((e) => ({
      label: e.label,
      kind: COMPLETION_KIND[e.kind],
      detail: e.detail,
      documentation: e.documentation ? { kind: MarkupKind.Markdown, value: e.documentation } : undefined,
      sortText: e.sortText,
      filterText: e.label,
      textEdit: { range: this.range(map, e.start, e.end), newText: e.snippet && !snippets ? plainFromSnippet(e.newText) : e.newText },
      insertTextFormat: e.snippet && snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      command: e.retrigger ? { title: 'Suggest', command: 'editor.action.triggerSuggest' } : undefined,
    }));
    return { isIncomplete: result.isIncomplete, items };
  }

  documentSymbols(file: string, entries: readonly SymbolEntry[]): DocumentSymbol[] {
    const map = this.lineMapOf(file);
    const convert = (e: SymbolEntry): DocumentSymbol => ({
      name: e.name || '(empty heading)',
      detail: e.detail,
      kind: SymbolKind.String,
      range: this.range(map, e.start, e.end),
      selectionRange: this.range(map, e.start, e.end),
      children: e.children.map(convert),
    });
    return entries.map(convert);
  }

  /** Folds of whole lines: a fold ends on the line before its closing line, which stays visible. */
  foldingRanges(file: string, folds: readonly { start: number; end: number }[]): FoldingRange[] {
    const map = this.lineMapOf(file);
    return folds
      .map((f) => ({ startLine: map.positionAt(f.start).line, endLine: map.positionAt(f.end).line }))
      .filter((f) => f.endLine > f.startLine)
      .map((f) => ({ ...f, endLine: f.endLine - 1, kind: 'region' }));
  }
}

/** A snippet's text without its placeholders, for clients that take plain text only. */
function plainFromSnippet(snippet: string): string {
  return snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{?\d+\}?/g, '');
}
