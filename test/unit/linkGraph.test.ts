// The link graph and the dependents a change returns, against the slow truth: after random edits of a
// small site whose pages link to each other (headings, custom ids, url/slug/aliases, includes, pages
// created and deleted), every open page whose diagnostics changed is among the dependents the change
// returned, and references find exactly the links a scan of every link of the site finds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { diagnose } from '../../server/src/features/diagnostics';
import { linksToPages } from '../../server/src/index/linkGraph';
import { resolveLink } from '../../server/src/index/resolveLink';
import { WorkspaceIndex, DEFAULT_OPTIONS } from '../../server/src/index/workspace';
import { MemoryFileSystem } from '../support/memoryFs';
import { params } from '../support/fuzz';

const ROOT = '/ws';
const PAGES = ['a', 'b', 'c', 'sub/d'].map((p) => `${ROOT}/content/${p}.md`);
const INCLUDE = `${ROOT}/assets/includes/part.md`;
const FILES = [...PAGES, INCLUDE];

const heading = fc.constantFrom('## Foo', '## Bar', '## Foo {#bar}', '### Foo', '## Foo Bar');
const link = fc.constantFrom('/a/#foo', '/a/#bar', '/b/', '/old/#foo', '../a/#foo', 'sub/d/#foo', '#foo', './c/', '/sub/d/', '/new/');
const frontMatter = fc.constantFrom('', 'url: /new/\n', 'aliases: [/old/]\n', 'slug: other\n', 'title: Renamed\n');
const pageText = fc
  .record({
    fm: frontMatter,
    body: fc.array(
      fc.oneof(
        { arbitrary: heading, weight: 2 },
        { arbitrary: link.map((l) => `See [x](${l}).`), weight: 3 },
        { arbitrary: fc.constant('{{% include "includes/part.md" %}}'), weight: 1 },
        { arbitrary: fc.constant('Plain text.'), weight: 1 },
      ),
      { maxLength: 5 },
    ),
  })
  .map(({ fm, body }) => `---\n${fm.startsWith('title') ? '' : 'title: Page\n'}${fm}---\n\n${body.join('\n\n')}\n`);
// An include's relative links and #anchors are read from the pages that include it.
const includeText = fc.array(fc.oneof(heading, fc.constant('Text.'), link.map((l) => `See [x](${l}).`)), { maxLength: 3 }).map((b) => b.join('\n\n') + '\n');

const op = fc.record({
  file: fc.constantFrom(...FILES),
  how: fc.constantFrom('open', 'change', 'change', 'disk', 'delete', 'close'),
  page: pageText,
  include: includeText,
});

/** Every link of the site that resolves to `page`, by scanning every file's links. */
function scan(index: WorkspaceIndex, page: string): string[] {
  const out: string[] = [];
  for (const f of index.allFacts()) for (const l of f.links) {
    const t = resolveLink(index, f.file, l.destination, l.html);
    if (t.kind === 'page' && t.file === page) out.push(`${f.file}@${l.destStart}`);
  }
  return out.sort();
}

for (const readyFirst of [false, true]) {
  test(`a change returns every open page whose diagnostics it changes; the graph finds every link (${readyFirst ? 'two passes' : 'one pass'}, 400 cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const files: Record<string, string> = { [`${ROOT}/hugo.toml`]: 'title = "x"\n', [INCLUDE]: '## Part\n' };
        for (const p of PAGES) files[p] = '---\ntitle: Page\n---\n\n## Foo\n';
        const fsys = new MemoryFileSystem(files);
        const index = new WorkspaceIndex(fsys, { ...DEFAULT_OPTIONS, readyFirst });
        index.setFolders([ROOT]);
        await index.ensureReady();
        let version = 1;
        const diagnosticsOfOpen = () => new Map(index.openFiles().map((f) => [f, JSON.stringify(diagnose(index, f))]));
        for (const o of ops) {
          const text = o.file === INCLUDE ? o.include : o.page;
          const before = diagnosticsOfOpen();
          let dependents: string[] = [];
          if (o.how === 'open') {
            if (index.isOpen(o.file)) continue;
            dependents = index.openDocument(o.file, text, ++version);
          } else if (o.how === 'change') {
            if (!index.isOpen(o.file)) continue;
            dependents = index.changeDocument(o.file, text, ++version);
          } else if (o.how === 'close') {
            if (!index.isOpen(o.file)) continue;
            dependents = index.closeDocument(o.file);
          } else if (o.how === 'disk') {
            const existed = fsys.stat(o.file)?.isFile;
            fsys.write(o.file, text);
            dependents = index.fileChanged(o.file, existed ? 'changed' : 'created');
          } else {
            if (index.isOpen(o.file) || !fsys.stat(o.file)?.isFile) continue;
            fsys.delete(o.file);
            dependents = index.fileChanged(o.file, 'deleted');
          }
          const after = diagnosticsOfOpen();
          for (const [f, d] of after) {
            if (f === o.file || !before.has(f)) continue;
            assert.ok(d === before.get(f) || dependents.includes(f), `${o.how} ${o.file}: the diagnostics of ${f} changed but it was not among the dependents ${JSON.stringify(dependents)}\nbefore: ${before.get(f)}\nafter: ${d}`);
          }
        }
        await index.ensureIndexed();
        for (const p of PAGES) {
          if (!index.factsOf(p)) continue;
          const viaGraph: string[] = [];
          for (const l of linksToPages(index, [p])) if (l.target.file === p) viaGraph.push(`${l.file}@${l.link.destStart}`);
          assert.deepEqual(viaGraph.sort(), scan(index, p), `links to ${p}`);
        }
      }),
      params(400),
    );
  });
}

test("an include's heading changing reaches the open pages that include it and the pages that link to them; a keystroke in its text reaches none", async () => {
  const fsys = new MemoryFileSystem({
    [`${ROOT}/hugo.toml`]: 'title = "x"\n',
    [INCLUDE]: '## Part\n\nText.\n',
    [PAGES[0]!]: '---\ntitle: A\n---\n\n{{% include "includes/part.md" %}}\n\n[in page](#part)\n',
    [PAGES[1]!]: '---\ntitle: B\n---\n\n[to A](/a/#part)\n',
    [PAGES[2]!]: '---\ntitle: C\n---\n\nNothing.\n',
  });
  const index = new WorkspaceIndex(fsys, { ...DEFAULT_OPTIONS, readyFirst: true });
  index.setFolders([ROOT]);
  await index.ensureReady();
  for (const p of PAGES.slice(0, 3)) index.openDocument(p, fsys.readFile(p)!, 1);
  index.openDocument(INCLUDE, '## Part\n\nText.\n', 1);
  assert.deepEqual(index.changeDocument(INCLUDE, '## Part\n\nMore text.\n', 2), []);
  assert.deepEqual(index.changeDocument(INCLUDE, '## Other\n\nMore text.\n', 3).sort(), [PAGES[0], PAGES[1]]);
  assert.deepEqual(diagnose(index, PAGES[1]!).map((p) => p.code), ['anchor-not-found']);
  assert.deepEqual(index.changeDocument(PAGES[2]!, '---\ntitle: C\n---\n\nStill nothing.\n', 2), []);
});

test('two pages that share an alias: which one it leads to does not depend on the order of edits, so an edit elsewhere on one of them changes no link to it', async () => {
  // Found by the property above: deleting c's include re-indexed c, which then took /old/ from a, and
  // a's link to /old/#foo silently changed its target without a being among the dependents.
  const fsys = new MemoryFileSystem({
    [`${ROOT}/hugo.toml`]: 'title = "x"\n',
    [INCLUDE]: '## Part\n',
    [PAGES[0]!]: '---\ntitle: A\n---\n\n## Foo\n',
    [PAGES[2]!]: '---\ntitle: C\n---\n\n## Foo\n',
  });
  const index = new WorkspaceIndex(fsys, { ...DEFAULT_OPTIONS });
  index.setFolders([ROOT]);
  await index.ensureReady();
  index.openDocument(PAGES[2]!, '---\ntitle: C\naliases: [/old/]\n---\n\n{{% include "includes/part.md" %}}\n', 2);
  index.openDocument(PAGES[0]!, '---\ntitle: A\naliases: [/old/]\n---\n\nSee [x](/old/#foo).\n', 2);
  const target = () => diagnose(index, PAGES[0]!).map((p) => (p.data as { target?: string } | undefined)?.target);
  const before = target();
  fsys.delete(INCLUDE);
  const dependents = index.fileChanged(INCLUDE, 'deleted');
  assert.ok(dependents.includes(PAGES[0]!) || JSON.stringify(target()) === JSON.stringify(before), `a's link changed target (${JSON.stringify(before)} -> ${JSON.stringify(target())}) but a was not among the dependents ${JSON.stringify(dependents)}`);
  // Whichever page holds the alias, it is the same one whatever order the pages were opened in.
  const other = new WorkspaceIndex(fsys, { ...DEFAULT_OPTIONS });
  other.setFolders([ROOT]);
  await other.ensureReady();
  other.openDocument(PAGES[0]!, '---\ntitle: A\naliases: [/old/]\n---\n\nSee [x](/old/#foo).\n', 2);
  other.openDocument(PAGES[2]!, '---\ntitle: C\naliases: [/old/]\n---\n\n{{% include "includes/part.md" %}}\n', 2);
  const site = index.siteOf(PAGES[0]!)!;
  assert.equal(index.pageAt(site, '/old/'), other.pageAt(other.siteOf(PAGES[0]!)!, '/old/'));
});
