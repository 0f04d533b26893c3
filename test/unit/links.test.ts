import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quickFixes } from '../../server/src/features/codeActions';
import { complete } from '../../server/src/features/completion';
import { hover } from '../../server/src/features/hover';
import { definition, references } from '../../server/src/features/navigation';
import { documentSymbols, linkDocumentLinks, workspaceSymbols } from '../../server/src/features/links';
import { editsForMoves, headingRename } from '../../server/src/features/refactors';
import type { Edit } from '../../server/src/features/types';
import { checkDiagnostics, fixture, slice, type Fixture } from '../support/fixture';

const SITE = `//- /site/hugo.yaml
title: x
staticDir: [static, data]
//- /site/.hugolint.yaml
exclude:
  - pattern: '^/generated/'
//- /site/content/_index.md
---
title: Home
---
//- /site/content/handbook/_index.md
---
title: Handbook
description: All of it.
---
## Dup
## Dup
## Custom heading {#my-id}
<a id="explicit"></a>
{{% a "short-anchor" %}}
//- /site/content/handbook/leaf.md
---
title: Leaf page
aliases: [/old/leaf/]
---
# Leaf

{{% include "includes/shared.md" %}}
//- /site/content/handbook/bundle/index.md
---
title: Bundle
---
## In bundle
//- /site/content/handbook/team/page.md
---
title: Team page
url: /custom/team/
---
## Team
//- /site/assets/includes/shared.md
### Shared heading

Shared text.
//- /site/static/images/logo.png
PNG
//- /site/data/report.pdf
PDF
`;

test('every spelling of a page URL resolves; sections, leaves, bundles, url and aliases', async () => {
  await checkDiagnostics(`${SITE}//- /site/content/check.md
[a](/handbook/) [b](/handbook) [c](/handbook/index.html) [d](/handbook/_index.md) [e](/handbook/leaf.md)
^0 warning: frontmatter-missing-title
[f](/handbook/leaf/) [g](/handbook/bundle/) [h](/custom/team/) [i](/old/leaf/) [j](/handbook/leaf?x=1)
[k](/images/logo.png) [l](/report.pdf) [m](https://example.com/nope) [n](mailto:a@b.c) [o](/generated/x/)
[bad](/handbook/nope/) ![img](/images/missing.png) [team-by-path](/handbook/team/page/)
      ^^^^^^^^^^^^^^^ warning: link-not-found
                              ^^^^^^^^^^^^^^^^^^^ warning: link-not-found
                                                                  ^^^^^^^^^^^^^^^^^^^^ warning: link-not-found
`);
});

test('a fenced code block whose info string is html is code: no anchors, no links, no suppressions in it', async () => {
  // Hugo renders it as code: the ids and links in it are text, and so is the comment.
  await checkDiagnostics(`${SITE}//- /site/content/check.md
---
title: Check
---

\`\`\`html
<div>

    <a id="in-code" href="/handbook/nope/">x</a>

<!-- handbook-disable anchor-not-found -->
</div>
\`\`\`

<div id="raw-id"></div>

[in code](#in-code) [raw](#raw-id)
           ^^^^^^^ warning: anchor-not-found
`);
});

test('anchors: duplicates numbered, custom ids, explicit anchors, headings from includes', async () => {
  await checkDiagnostics(`${SITE}//- /site/content/check.md
[a](/handbook/#dup) [b](/handbook/#dup-1) [c](/handbook/#my-id) [d](/handbook/#explicit) [e](/handbook/#short-anchor)
^0 warning: frontmatter-missing-title
[f](/handbook/leaf/#shared-heading) [g](/handbook/leaf/#leaf) [h](/handbook/#dup-2) [i](/handbook/#custom-heading)
                                                                             ^^^^^ warning: anchor-not-found
                                                                                                   ^^^^^^^^^^^^^^ warning: anchor-not-found
[j](#local) [k](#nope)
                 ^^^^ warning: anchor-not-found

## Local
`);
});

test('relative links are good when either reading lands: from the file\'s folder or from the page URL', async () => {
  await checkDiagnostics(`${SITE}//- /site/content/handbook/rel.md
---
title: Rel
---
[by file folder](leaf/) [by file, .md](./leaf.md) [by page url](../leaf/) [up](../) [neither](../../nothing/)
                                                                                              ^^^^^^^^^^^^^^ warning: link-not-found
`);
});

test('a link to a file of the assets is good: the link hook finds it as a global resource (resources.Get) and publishes it', async () => {
  await checkDiagnostics(`${SITE}//- /site/assets/files/table.csv
a,b
//- /site/assets/files/other.csv
a,b
//- /site/content/handbook/assets.md
---
title: Assets
---
[rel](files/table.csv) [dot](./files/table.csv) [root](/files/table.csv) [missing](files/nope.csv) [climbs](../files/table.csv)
                                                                                   ^^^^^^^^^^^^^^ warning: link-not-found
                                                                                                            ^^^^^^^^^^^^^^^^^^ warning: link-not-found

<a href="/files/other.csv">raw HTML: no hook reads it, so nothing publishes the file</a>
         ^^^^^^^^^^^^^^^^ warning: link-not-found
`);
});

test('fixes: the closest pages in the author\'s spelling, and the closest anchors', async () => {
  const f = await checkDiagnostics(`${SITE}//- /site/content/check.md
[a](/handbook/leef/index.html) [b](/handbook/leaf/#shared-headin) [c](/handbook/bundle#in-bundel)
^0 warning: frontmatter-missing-title
    ^^^^^^^^^^^^^^^^^^^^^^^^^ warning: link-not-found
                                                   ^^^^^^^^^^^^^ warning: anchor-not-found
                                                                                       ^^^^^^^^^ warning: anchor-not-found
`);
  const problems = f.of('/site/content/check.md').filter((p) => p.code.endsWith('not-found'));
  const titles = problems.map((p) => quickFixes(f.index, p).map((x) => x.title)[0]);
  assert.deepEqual(titles, ['Change to "/handbook/leaf/index.html"', 'Change to "#shared-heading"', 'Change to "#in-bundle"']);
  const g = await checkDiagnostics(`${SITE}//- /site/content/handbook/rel.md
[a](./leef/) [b](../handbook/bundel/)
^0 warning: frontmatter-missing-title
    ^^^^^^^ warning: link-not-found
                 ^^^^^^^^^^^^^^^^^^^ warning: link-not-found
`);
  const rel = g.of('/site/content/handbook/rel.md').filter((p) => p.code === 'link-not-found');
  assert.deepEqual(rel.map((p) => quickFixes(g.index, p)[0]?.title), ['Change to "./leaf/"', 'Change to "bundle/"']);
});

test('includes: a relative link or #anchor is read from each page that includes the file, and reported at the include naming where it breaks', async () => {
  // From /docs/: all good but ../nowhere/. From /docs/deep/page/: #here is not there, ./x/ stays
  // as written (a browser takes it to /docs/deep/page/x/), the raw HTML ../x/ to /docs/deep/x/. An
  // include no page shows has no page to read its relative links from.
  const f = await checkDiagnostics(`//- /site/hugo.yaml
title: x
//- /site/content/x.md
---
title: Top X
---
//- /site/content/docs/_index.md
---
title: Docs
---
## Here

{{% include "includes/rel.md" %}}
//- /site/content/docs/x.md
---
title: Docs X
---
//- /site/content/docs/deep/page.md
---
title: Deep page
---
{{% include "includes/rel.md" %}}
//- /site/assets/includes/rel.md
### From the include

[up](../x/) [file](x.md) [here](#here) [own](#from-the-include) [dot](./x/) [none](../nowhere/) [root](/nope/)
                                 ^^^^ warning: anchor-not-found "on \"Deep page\" (content/docs/deep/page.md), which includes this file"
                                                                      ^^^^ warning: link-not-found
                                                                                   ^^^^^^^^^^^ warning: link-not-found "from \"Docs\" (content/docs/_index.md) and 1 other page that includes this file"
                                                                                                       ^^^^^^ warning: link-not-found

<a href="../x/">html up</a>
         ^^^^^ warning: link-not-found
//- /site/assets/includes/orphan.md
[nobody includes this](../nowhere/) [anchor](#nowhere)
`);
  const rel = '/site/assets/includes/rel.md';
  // Each names, as related locations, the include calls of the pages where it breaks.
  assert.deepEqual(f.of(rel).map((p) => [slice(f, rel, p.start, p.end), p.related?.map((r) => [r.file, slice(f, r.file, r.start, r.end)])]), [
    ['here', [['/site/content/docs/deep/page.md', '{{% include "includes/rel.md" %}}']]],
    ['./x/', [['/site/content/docs/deep/page.md', '{{% include "includes/rel.md" %}}']]],
    ['../nowhere/', [['/site/content/docs/_index.md', '{{% include "includes/rel.md" %}}'], ['/site/content/docs/deep/page.md', '{{% include "includes/rel.md" %}}']]],
    ['/nope/', undefined],
    ['../x/', [['/site/content/docs/deep/page.md', '{{% include "includes/rel.md" %}}']]],
  ]);
  // Go to definition and document links follow a relative link as the first page that shows the
  // include reads it (/docs/: ../x/ is /x/, #here its heading).
  const text = f.fs.readFile(rel)!;
  const at = (s: string) => text.indexOf(s) + 1;
  assert.deepEqual(definition(f.index, rel, at('../x/)')).map((l) => l.file), ['/site/content/x.md']);
  const here = definition(f.index, rel, at('#here'));
  assert.deepEqual(here.map((l) => [l.file, slice(f, l.file, l.start, l.end)]), [['/site/content/docs/_index.md', 'Here']]);
  const own = linkDocumentLinks(f.index, rel).find((l) => l.start === text.indexOf('#from-the-include'));
  assert.deepEqual([own?.target, own?.line], [rel, 0]);
});

test('hover on a link: title, description, and with an anchor the heading and the lines under it', async () => {
  const f = await fixture(`${SITE}//- /site/content/check.md
[a](/handbook/$0) [b](/handbook/leaf/#shared-heading)
`);
  const h = hover(f.index, f.cursor!.file, f.cursor!.offset)!;
  assert.equal(h.contents, '**Handbook** · `content/handbook/_index.md`\n\nAll of it.');
  const text = f.files['/site/content/check.md']!;
  const h2 = hover(f.index, '/site/content/check.md', text.indexOf('leaf/#') + 2)!;
  assert.equal(h2.contents, '**Leaf page** · `content/handbook/leaf.md`\n\n---\n\n### Shared heading\n\nShared text.');
});

test('definition goes to the heading, even inside an included file', async () => {
  const f = await fixture(`${SITE}//- /site/content/check.md
[b](/handbook/leaf/#shared-heading$0)
`);
  const [loc] = definition(f.index, f.cursor!.file, f.cursor!.offset);
  assert.equal(loc!.file, '/site/assets/includes/shared.md');
  assert.equal(slice(f, loc!.file, loc!.start, loc!.end), 'Shared heading');
});

test('completion: folder by folder after ](/, anchors after #', async () => {
  const f = await fixture(`${SITE}//- /site/content/check.md
[x](/handbook/$0)
`);
  const items = complete(f.index, f.cursor!.file, f.cursor!.offset).items;
  assert.deepEqual(items.map((i) => [i.label, i.detail, i.newText]), [
    ['bundle', 'Bundle', 'bundle/'],
    ['leaf', 'Leaf page', 'leaf/'],
  ]);
  const g = await fixture(`${SITE}//- /site/content/check.md
[x](/handbook/leaf/#$0)
`);
  assert.deepEqual(complete(g.index, g.cursor!.file, g.cursor!.offset).items.map((i) => [i.label, i.detail]), [
    ['leaf', '# Leaf'],
    ['shared-heading', '### Shared heading'],
  ]);
  const h = await fixture(`${SITE}//- /site/content/handbook/rel.md
## Here
[x](#$0)
`);
  assert.deepEqual(complete(h.index, h.cursor!.file, h.cursor!.offset).items.map((i) => i.label), ['here']);
  const r = await fixture(`${SITE}//- /site/content/handbook/rel.md
[x](./$0)
`);
  assert.deepEqual(complete(r.index, r.cursor!.file, r.cursor!.offset).items.map((i) => i.label), ['bundle', 'leaf', 'rel']);
});

test('references from a heading reach every link to its anchor; from the title, every link to the page', async () => {
  const f = await fixture(`${SITE}//- /site/content/a.md
[1](/handbook/leaf/#leaf) [2](/handbook/leaf/) [3](/handbook/leaf/#other)
//- /site/content/handbook/b.md
[4](leaf/#leaf)
`);
  const leaf = '/site/content/handbook/leaf.md';
  const text = f.files[leaf]!;
  const refs = references(f.index, leaf, text.indexOf('# Leaf') + 3, false);
  assert.deepEqual(refs.map((r) => slice(f, r.file, r.start, r.end)).sort(), ['/handbook/leaf/#leaf', 'leaf/#leaf']);
  const page = references(f.index, leaf, 4, false);
  assert.equal(page.length, 4);
  // A heading inside an include is reached through the including page's anchor.
  const g = await fixture(`${SITE}//- /site/content/c.md
[5](/handbook/leaf/#shared-heading)
`);
  const shared = references(g.index, '/site/assets/includes/shared.md', 5, false);
  assert.deepEqual(shared.map((r) => [r.file, slice(g, r.file, r.start, r.end)]), [['/site/content/c.md', '/handbook/leaf/#shared-heading']]);
});

test('outline includes included headings, marked; workspace symbols find titles and headings', async () => {
  const f = await fixture(SITE);
  const syms = documentSymbols(f.index, '/site/content/handbook/leaf.md');
  assert.deepEqual(syms.map((s) => [s.name, s.detail, s.children.map((c) => [c.name, c.detail])]), [['Leaf', '#leaf', [['Shared heading', 'from assets/includes/shared.md']]]]);
  assert.deepEqual(workspaceSymbols(f.index, 'shrd').map((s) => [s.name, s.kind]), [['Shared heading', 'heading']]);
  assert.deepEqual(workspaceSymbols(f.index, 'leaf pg').map((s) => s.name), ['Leaf page']);
});

function apply(f: Fixture, edit: Edit, file: string): string {
  let t = f.files[file]!;
  for (const c of edit.changes.filter((x) => x.file === file).sort((a, b) => b.start - a.start)) t = t.slice(0, c.start) + c.newText + t.slice(c.end);
  return t;
}

test('renaming a heading updates every #anchor to it across the site; a custom id keeps them', async () => {
  const f = await fixture(`${SITE}//- /site/content/a.md
[1](/handbook/leaf/#leaf) [2](/handbook/leaf#leaf) [3](/handbook/#my-id)
//- /site/content/handbook/b.md
[4](leaf/#leaf) [5](#leaf)

# Leaf
`);
  const leaf = '/site/content/handbook/leaf.md';
  const edit = headingRename(f.index, leaf, f.files[leaf]!.indexOf('# Leaf') + 3, 'Leaf node')!;
  assert.equal(apply(f, edit, leaf).includes('# Leaf node\n'), true);
  assert.equal(apply(f, edit, '/site/content/a.md'), '[1](/handbook/leaf/#leaf-node) [2](/handbook/leaf#leaf-node) [3](/handbook/#my-id)\n');
  // b.md's own #leaf is its own heading, not the renamed one.
  assert.equal(apply(f, edit, '/site/content/handbook/b.md'), '[4](leaf/#leaf-node) [5](#leaf)\n\n# Leaf\n');
  const custom = headingRename(f.index, '/site/content/handbook/_index.md', f.files['/site/content/handbook/_index.md']!.indexOf('Custom heading'), 'Renamed')!;
  assert.deepEqual(custom.changes.map((c) => c.file), ['/site/content/handbook/_index.md']);
});

test("an include's relative links and #anchors count for references, heading renames and moves, as each page that shows it reads them", async () => {
  // rel.md is shown on /docs/ and /guides/: ../x/#topic reaches /x/ from both. mixed.md is shown on
  // /docs/ and on /docs/deep/page/: its ../x/#topic reaches /x/ from the first and /docs/x/ from the
  // second, so no one edit keeps both readings right; it is listed among the references, not renamed
  // or rewritten by a move.
  const site = `//- /site/hugo.yaml
title: x
//- /site/content/x.md
---
title: Top X
---
## Topic
//- /site/content/docs/x.md
---
title: Docs X
---
## Topic
//- /site/content/docs/_index.md
---
title: Docs
---
{{% include "includes/rel.md" %}}
{{% include "includes/mixed.md" %}}
//- /site/content/guides/_index.md
---
title: Guides
---
{{% include "includes/rel.md" %}}
//- /site/content/docs/deep/page.md
---
title: Deep page
---
{{% include "includes/mixed.md" %}}
//- /site/assets/includes/rel.md
[topic](../x/#topic) [here](#from-rel)

### From rel
//- /site/assets/includes/mixed.md
[topic](../x/#topic)
`;
  const f = await fixture(site);
  const top = '/site/content/x.md';
  const at = f.files[top]!.indexOf('## Topic') + 3;
  const refs = references(f.index, top, at, false);
  assert.deepEqual(refs.map((r) => [r.file, slice(f, r.file, r.start, r.end)]).sort(), [
    ['/site/assets/includes/mixed.md', '../x/#topic'],
    ['/site/assets/includes/rel.md', '../x/#topic'],
  ]);
  const edit = headingRename(f.index, top, at, 'Subject')!;
  assert.equal(apply(f, edit, '/site/assets/includes/rel.md'), '[topic](../x/#subject) [here](#from-rel)\n\n### From rel\n');
  assert.equal(apply(f, edit, '/site/assets/includes/mixed.md'), '[topic](../x/#topic)\n', 'a link two pages read two ways is left as it is');
  // A bare #anchor to a heading of the include itself, shown on both pages that include it.
  const rel = '/site/assets/includes/rel.md';
  const ownRefs = references(f.index, rel, f.files[rel]!.indexOf('### From rel') + 4, false);
  assert.deepEqual(ownRefs.map((r) => [r.file, slice(f, r.file, r.start, r.end)]), [[rel, '#from-rel']], 'listed once');
  const own = headingRename(f.index, rel, f.files[rel]!.indexOf('### From rel') + 4, 'From the include')!;
  assert.equal(apply(f, own, rel), '[topic](../x/#topic) [here](#from-the-include)\n\n### From the include\n');
  // Moving the page: rewritten when every page showing the include needs the same new path.
  const move = editsForMoves(f.index, [{ from: top, to: '/site/content/topics/x.md' }]);
  assert.equal(apply(f, move, rel), '[topic](../topics/x/#topic) [here](#from-rel)\n\n### From rel\n');
  assert.equal(apply(f, move, '/site/assets/includes/mixed.md'), '[topic](../x/#topic)\n', 'a link two pages read two ways is left as it is');
});

test('moving a page rewrites every link to it, keeping each link\'s style; its own relative links still land', async () => {
  const f = await fixture(`${SITE}//- /site/content/a.md
[1](/handbook/leaf/#leaf) [2](/handbook/leaf/index.html) [3](/handbook/leaf) [4](/old/leaf/)
//- /site/content/handbook/b.md
[5](leaf/) [6](./leaf.md)
//- /site/content/handbook/mover.md
[7](leaf/) [8](/handbook/leaf/)
`);
  const edit = editsForMoves(f.index, [
    { from: '/site/content/handbook/leaf.md', to: '/site/content/handbook/guides/leaf.md' },
    { from: '/site/content/handbook/mover.md', to: '/site/content/other/mover.md' },
  ]);
  assert.equal(apply(f, edit, '/site/content/a.md'), '[1](/handbook/guides/leaf/#leaf) [2](/handbook/guides/leaf/index.html) [3](/handbook/guides/leaf) [4](/old/leaf/)\n');
  assert.equal(apply(f, edit, '/site/content/handbook/b.md'), '[5](guides/leaf/) [6](./guides/leaf.md)\n');
  assert.equal(apply(f, edit, '/site/content/handbook/mover.md'), '[7](../handbook/guides/leaf/) [8](/handbook/guides/leaf/)\n');
});

test('moving an include file rewrites the include calls; moving a folder moves what is inside', async () => {
  const f = await fixture(SITE);
  const edit = editsForMoves(f.index, [{ from: '/site/assets/includes/shared.md', to: '/site/assets/includes/common/shared.md' }]);
  assert.match(apply(f, edit, '/site/content/handbook/leaf.md'), /\{\{% include "includes\/common\/shared\.md" %\}\}/);
  const g = await fixture(`${SITE}//- /site/content/a.md
[1](/handbook/bundle/#in-bundle)
`);
  const dir = editsForMoves(g.index, [{ from: '/site/content/handbook', to: '/site/content/guide' }]);
  assert.equal(apply(g, dir, '/site/content/a.md'), '[1](/guide/bundle/#in-bundle)\n');
});

test('a text fragment (#:~:text=…) asks the browser to find words, not an element: only an id before it is checked', async () => {
  await checkDiagnostics(`${SITE}//- /site/content/handbook/frag.md
---
title: Fragments
---
See [the rule](/handbook/leaf/#:~:text=every%20word,last%20word.) and [that line](/handbook/leaf/#leaf:~:text=word),
but [a dead id](/handbook/leaf/#gone:~:text=word) is still dead.
                                ^^^^^^^^^^^^^^^^ warning: anchor-not-found
`);
});

test('backslash escapes in a destination are read as CommonMark reads them: (\\#id) is the in-page anchor #id', async () => {
  // String.raw: the fixture's backslashes are as the author writes them, so the carets line up.
  await checkDiagnostics(String.raw`${SITE}//- /site/content/handbook/esc.md
---
title: Escapes
---
## Their duties {#duties}
The duties are [listed here](\#duties), not [there](\#elsewhere); [a path](/handbook/leaf\_page/) is a path.
                                                      ^^^^^^^^^ warning: anchor-not-found
                                                                           ^^^^^^^^^^^^^^^^^^^^^ warning: link-not-found
`);
});
