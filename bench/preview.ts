// How long the Markdown preview plugin takes to draw a page once its includes are known: parse and
// render through markdown-it with the plugin, as VS Code does after each edit (new tokens every time),
// beside markdown-it alone on the same text; and the parse alone, which VS Code's Markdown language
// server has the extension host make (through every installed plugin, ours too) for each version of an
// open page, preview or not. Medians of many runs after a warm-up; asserts nothing.
//
//   node --import tsx bench/preview.ts            the sample handbook's seed page, and the real
//                                                 handbook's pages with the most includes and its largest page
//   node --import tsx bench/preview.ts --no-corpus   the sample only
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { previewContext } from '../server/src/features/preview';
import { WorkspaceIndex, DEFAULT_OPTIONS } from '../server/src/index/workspace';
import { NodeFileSystem } from '../server/src/util/nodeFileSystem';
import { toPreviewData } from '../client/src/preview/data';
import { handbookPreview } from '../client/src/preview/render';
import type { MarkdownIt } from '../client/src/preview/markdownIt';
import { corpusSite } from '../test/support/corpus';

const createMarkdownIt = require('markdown-it') as (options?: Record<string, unknown>) => MarkdownIt;
const toUri = (f: string): string => URI.file(f).toString();
const RUNS = 200;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(run: () => void): number {
  for (let i = 0; i < 20; i++) run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

async function indexOf(root: string): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex(new NodeFileSystem(), DEFAULT_OPTIONS);
  index.setFolders([root]);
  await index.ensureIndexed();
  return index;
}

function measure(label: string, root: string, index: WorkspaceIndex, pages: string[]): void {
  for (const page of pages) {
    const text = index.textOf(page);
    if (text === undefined) {
      console.log(`| ${label}: ${path.relative(root, page)} | not found | | | | | | |`);
      continue;
    }
    const answer = previewContext(index, page, { uri: toUri(page) }, toUri);
    const data = toPreviewData(answer, toUri(page));
    const md = handbookPreview(createMarkdownIt({ html: true, linkify: true }), () => ({ data, want: () => undefined }));
    const plain = createMarkdownIt({ html: true, linkify: true });
    const html = md.render(text, {});
    const withPlugin = time(() => md.render(text, {}));
    const alone = time(() => plain.render(text, {}));
    const parseWithPlugin = time(() => md.parse(text, {}));
    const parseAlone = time(() => plain.parse(text, {}));
    const contextMs = time(() => previewContext(index, page, { uri: toUri(page) }, toUri));
    const includes = Object.keys(answer.includes).length;
    const includedKb = Object.values(answer.includes).reduce((n, i) => n + (i.text?.length ?? 0), 0) / 1024;
    console.log(
      `| ${label}: ${path.relative(root, page)} | ${(text.length / 1024).toFixed(1)} KB + ${includes} includes (${includedKb.toFixed(1)} KB) | ${withPlugin.toFixed(2)} ms | ${alone.toFixed(2)} ms | ${parseWithPlugin.toFixed(2)} ms | ${parseAlone.toFixed(2)} ms | ${contextMs.toFixed(2)} ms | ${(html.length / 1024).toFixed(0)} KB |`,
    );
  }
}

async function main(): Promise<void> {
  console.log(`preview render, medians of ${RUNS} runs after 20 warm-up runs; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, Node ${process.version}`);
  console.log('| page | text | plugin: parse + render | markdown-it alone | plugin: parse only | markdown-it alone: parse | engine: previewContext | HTML |');
  console.log('|---|---|---|---|---|---|---|---|');
  const sample = path.resolve(__dirname, '..', 'examples', 'sample-handbook');
  measure('sample', sample, await indexOf(sample), [path.join(sample, 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md')]);
  if (process.argv.includes('--no-corpus')) return;
  let site: string;
  try {
    site = corpusSite();
  } catch (err) {
    console.log(`(the real handbook is not measured: ${err instanceof Error ? err.message : String(err)})`);
    return;
  }
  // The snapshot has no copy of the seed page: the three pages with the most include calls (career
  // pages like it), and the largest page.
  const index = await indexOf(site);
  const pages = [...index.allFacts()].filter((f) => f.kind === 'page');
  const byIncludes = [...pages].sort((a, b) => b.includes.length - a.includes.length).slice(0, 3).map((f) => f.file);
  const largest = pages.map((f) => ({ file: f.file, size: index.fs.stat(f.file)?.size ?? 0 })).sort((a, b) => b.size - a.size)[0]!.file;
  measure('handbook', site, index, [...byIncludes, largest]);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
