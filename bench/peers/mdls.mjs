// Peer: vscode-markdown-languageservice 0.4 (the engine of VS Code's built-in Markdown support) computing
// link diagnostics for every page of a Hugo site, as VS Code would for each page it checks.
//   node bench/peers/mdls.mjs SITE_DIR
// The workspace is the site's content/ folder, so a site-root link /handbook/x/ resolves to
// content/handbook/x (the nearest a general Markdown tool gets to Hugo's URLs). Files are read from disk
// once and kept, like the editor's open-or-disk document model. Prints the number of diagnostics by code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { CancellationTokenSource, Emitter } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, DiagnosticLevel, githubSlugifier, LogLevel } from 'vscode-markdown-languageservice';
import { URI } from 'vscode-uri';

const site = path.resolve(process.argv[2] ?? '.');
const contentDir = path.join(site, 'content');

const pages = [];
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) pages.push(p);
  }
};
walk(contentDir);
pages.sort();
const pageSet = new Set(pages);

const docs = new Map();
const load = (file) => {
  let doc = docs.get(file);
  if (!doc) {
    doc = TextDocument.create(URI.file(file).toString(), 'markdown', 1, fs.readFileSync(file, 'utf8'));
    docs.set(file, doc);
  }
  return doc;
};

const never = new Emitter().event;
const workspace = {
  workspaceFolders: [URI.file(contentDir)],
  onDidChangeMarkdownDocument: never,
  onDidCreateMarkdownDocument: never,
  onDidDeleteMarkdownDocument: never,
  async getAllMarkdownDocuments() {
    return pages.map(load);
  },
  hasMarkdownDocument(uri) {
    return pageSet.has(uri.fsPath);
  },
  async openMarkdownDocument(uri) {
    if (pageSet.has(uri.fsPath)) return load(uri.fsPath);
    return undefined;
  },
  async stat(uri) {
    try {
      return { isDirectory: fs.statSync(uri.fsPath).isDirectory() };
    } catch {
      return undefined;
    }
  },
  async readDirectory(uri) {
    return fs.readdirSync(uri.fsPath, { withFileTypes: true }).map((e) => [e.name, { isDirectory: e.isDirectory() }]);
  },
};

const md = new MarkdownIt({ html: true });
const parser = {
  slugifier: githubSlugifier,
  async tokenize(doc) {
    return md.parse(doc.getText(), {});
  },
};
const logger = { level: LogLevel.Off, log() {} };
const ls = createLanguageService({ workspace, parser, logger });

const options = {
  validateReferences: DiagnosticLevel.warning,
  validateFragmentLinks: DiagnosticLevel.warning,
  validateFileLinks: DiagnosticLevel.warning,
  validateMarkdownFileLinkFragments: DiagnosticLevel.warning,
  validateUnusedLinkDefinitions: DiagnosticLevel.ignore,
  validateDuplicateLinkDefinitions: DiagnosticLevel.ignore,
  ignoreLinks: [],
};
const token = new CancellationTokenSource().token;
const byCode = {};
for (const file of pages) {
  const diagnostics = await ls.computeDiagnostics(load(file), options, token);
  for (const d of diagnostics) byCode[d.code] = (byCode[d.code] ?? 0) + 1;
}
ls.dispose();
process.stdout.write(JSON.stringify({ pages: pages.length, byCode }) + '\n');
