// The shortcode catalogue and checks over the real GitLab handbook (../shared/corpus), unpacked into a
// temporary folder at test time. The handbook builds with Hugo, so whatever Hugo fails a build on
// (unknown shortcodes, unclosed or stray closing tags, mixed arguments) must not be reported here;
// what Hugo only ignores (an unknown parameter) may be, and the real `sunmmary` typo must be.
import { before, test } from 'node:test';
import { corpusSite } from '../support/corpus';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanShortcodes, type ShortcodeCall } from '../../server/src/parse/shortcodes';
import { checkShortcodes, shortcodeCatalogue, type ShortcodeInfo, type ShortcodeProblem } from '../../server/src/shortcodes';
import { NodeFileSystem } from '../../server/src/util/nodeFileSystem';

let site: string;
let catalogue: Map<string, ShortcodeInfo>;
const pages: { file: string; text: string; calls: ShortcodeCall[]; problems: ShortcodeProblem[] }[] = [];

function contentFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(md|markdown|html)$/.test(e.name)) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

before(() => {
  site = corpusSite();
  catalogue = shortcodeCatalogue(new NodeFileSystem(), [path.join(site, 'layouts')]);
  for (const file of contentFiles(path.join(site, 'content'))) {
    const text = fs.readFileSync(file, 'utf8');
    const calls = scanShortcodes(text);
    pages.push({ file: path.relative(site, file), text, calls, problems: checkShortcodes(calls, catalogue) });
  }
});

const problemsOf = (code: string) => pages.flatMap((p) => p.problems.filter((x) => x.code === code).map((x) => ({ page: p, problem: x })));
const where = (p: (typeof pages)[number], x: ShortcodeProblem) => {
  const line = p.text.slice(0, x.start).split('\n').length;
  return `${p.file}:${line}: ${JSON.stringify(p.text.slice(x.start, Math.min(x.end, x.start + 80)))}: ${x.message}`;
};

test('the handbook’s Markdown pages call 77 shortcodes 2,231 times, and every one of them is known', () => {
  const names = new Map<string, number>();
  let opening = 0;
  for (const p of pages) {
    if (!p.file.endsWith('.md')) continue;
    for (const c of p.calls) {
      if (c.inert || c.closing) continue;
      opening++;
      names.set(c.name, (names.get(c.name) ?? 0) + 1);
    }
  }
  assert.equal(opening, 2231);
  assert.equal(names.size, 77);
  const unknown = [...names.keys()].filter((n) => !catalogue.has(n));
  assert.deepEqual(unknown, []);
  // The home page (content/_index.html) adds Docsy's blocks/section and the site's homepage-data-toc.
  assert.deepEqual(problemsOf('shortcode-unknown').map(({ page, problem }) => where(page, problem)), []);
  const bySource = new Map<string, string[]>();
  for (const n of names.keys()) {
    const s = catalogue.get(n)!.source;
    bySource.set(s, [...(bySource.get(s) ?? []), n]);
  }
  // 55 come from the site's own layouts, the rest from Hugo, Docsy and docsy-gitlab.
  assert.equal(bySource.get('site')?.length, 55);
  assert.deepEqual(bySource.get('hugo')?.sort(), ['details', 'ref', 'vimeo', 'youtube']);
  assert.deepEqual(bySource.get('docsy')?.sort(), ['alert', 'card', 'cardpane', 'pageinfo']);
  assert.deepEqual(bySource.get('docsy-gitlab')?.sort(), [
    'a', 'engineering/design-document-header', 'engineering/design-documents-list', 'group-pages-by-category', 'include', 'include-readme',
    'include-remote', 'kpi', 'label', 'note', 'panel', 'tableau', 'team', 'team-size',
  ]);
});

test('the real {{% details sunmmary="…" %}} typo is found, with "summary" as the suggestion', () => {
  const hits = problemsOf('shortcode-param-unknown').filter(({ problem }) => (problem.data as { param?: string }).param === 'sunmmary');
  assert.equal(hits.length, 1);
  const { page, problem } = hits[0]!;
  assert.equal(page.file, 'content/handbook/security/security-operations/trustandsafety/intellectual-property-on-gitlab-com.md');
  assert.equal(page.text.slice(problem.start, problem.end), 'sunmmary');
  assert.equal(problem.severity, 'warning');
  assert.deepEqual(problem.data, { kind: 'shortcode-param-unknown', name: 'details', param: 'sunmmary', candidates: ['summary'] });
  assert.match(problem.message, /did you mean "summary"/);
});

test('nothing Hugo would fail the build on is reported: no mixed arguments', () => {
  assert.deepEqual(problemsOf('shortcode-mixed-args').map(({ page, problem }) => where(page, problem)), []);
});

test('pairing and the other findings over the whole handbook: its 835 closing tags all pair, and the six unknown parameters are the real ones', (t) => {
  const codes = ['shortcode-unclosed', 'shortcode-unopened', 'shortcode-param-unknown', 'shortcode-delimiter', 'shortcode-mixed-args', 'shortcode-unknown'];
  const pairs = pages.reduce((n, p) => n + p.calls.filter((c) => c.closing && !c.inert).length, 0);
  t.diagnostic(`${pages.length} content pages, ${catalogue.size} shortcodes in the catalogue, ${pairs} closing tags`);
  assert.equal(pages.length, 4137);
  assert.equal(pairs, 835);
  const found = Object.fromEntries(codes.map((code) => [code, problemsOf(code).map(({ page, problem }) => where(page, problem))]));
  for (const [code, list] of Object.entries(found)) t.diagnostic(`${code}: ${list.length}${list.map((w) => `\n  ${w}`).join('')}`);
  // The handbook builds with Hugo, so nothing it fails a build on is there; what Hugo ignores (a
  // parameter a template does not read) is, six times; the checker's count of shortcode-param-unknown
  // (COUNTS in test/corpus/corpus.test.ts) is the same six. A change is a change of the engine: judge it.
  assert.deepEqual(found, {
    'shortcode-unclosed': [],
    'shortcode-unopened': [],
    'shortcode-param-unknown': [
      'content/handbook/engineering/ai/search/_index.md:34: "role": "team-by-manager-slug" has no parameter "role" (it reads "department", "manager", "team"); Hugo ignores it.',
      'content/handbook/engineering/devops/create/code-review/backend/engineers.md:29: "group": "engineering/create/career-development" has no parameter "group" — did you mean "group-label"?',
      'content/handbook/engineering/infrastructure-platforms/tenant-scale/organizations/process.md:234: "type": "alert" has no parameter "type" (it reads "color", "title"); Hugo ignores it.',
      'content/handbook/product/ux/technical-writing/_index.md:210: "type": "alert" has no parameter "type" (it reads "color", "title"); Hugo ignores it.',
      'content/handbook/security/security-operations/trustandsafety/intellectual-property-on-gitlab-com.md:89: "sunmmary": "details" has no parameter "sunmmary" — did you mean "summary"?',
      'content/handbook/support/workflows/2fa-removal.md:238: "type": "alert" has no parameter "type" (it reads "color", "title"); Hugo ignores it.',
    ],
    'shortcode-delimiter': [],
    'shortcode-mixed-args': [],
    'shortcode-unknown': [],
  });
});
