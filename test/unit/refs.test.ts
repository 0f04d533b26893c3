// {{< ref >}} / {{< relref >}}: found as Hugo 0.123+ finds pages (checked against Hugo's source and a
// real Hugo build in the differential test); errors where Hugo fails the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quickFixes } from '../../server/src/features/codeActions';
import { complete } from '../../server/src/features/completion';
import { hover } from '../../server/src/features/hover';
import { definition, documentLinks, references } from '../../server/src/features/navigation';
import { editsForMoves, headingRename } from '../../server/src/features/refactors';
import { resolveRef } from '../../server/src/index/resolveRef';
import { checkDiagnostics, fixture, slice, type Fixture } from '../support/fixture';

const SITE = `//- /site/hugo.yaml
title: x
//- /site/content/_index.md
---
title: Home
---
//- /site/content/docs/_index.md
---
title: Docs
---
## Docs heading
//- /site/content/docs/guide.md
---
title: Guide
url: /somewhere/else/
aliases: [/old-guide/]
---
## Setup
//- /site/content/docs/setup/index.md
---
title: Setup bundle
---
## Inside
//- /site/content/docs/setup/resource.md
---
title: Resource
---
//- /site/content/docs/setup/sibling-of-bundle.md
---
title: Not a page
---
//- /site/content/docs/twin.md
---
title: Twin one
---
//- /site/content/blog/twin.md
---
title: Twin two
---
//- /site/content/blog/post.md
---
title: Post
---
//- /site/content/docs/neighbour.md
---
title: Neighbour
---
`;

const at = (f: Fixture, file: string, ref: string) => {
  const t = resolveRef(f.index, file, ref);
  return t.kind === 'page' ? f.index.siteOf(t.file) && t.file.replace('/site/content/', '') : t.kind;
};

test('resolution: page-relative first, then from the root, then by a unique bare name; never by URL', async () => {
  const f = await fixture(SITE);
  const regular = '/site/content/docs/neighbour.md';
  const section = '/site/content/docs/_index.md';
  const bundle = '/site/content/docs/setup/index.md';
  assert.equal(at(f, regular, 'guide'), 'docs/guide.md');
  assert.equal(at(f, regular, 'guide.md'), 'docs/guide.md');
  assert.equal(at(f, regular, './guide.md'), 'docs/guide.md');
  assert.equal(at(f, regular, 'setup'), 'docs/setup/index.md');
  assert.equal(at(f, regular, '/docs/guide'), 'docs/guide.md');
  assert.equal(at(f, regular, '/docs/guide/'), 'docs/guide.md');
  assert.equal(at(f, regular, 'docs/guide.md'), 'docs/guide.md'); // not beside: from the root
  assert.equal(at(f, regular, '/DOCS/Guide.md'), 'docs/guide.md'); // paths are lower-cased
  assert.equal(at(f, regular, '/docs'), 'docs/_index.md');
  assert.equal(at(f, regular, '/'), '_index.md');
  assert.equal(at(f, regular, 'post'), 'blog/post.md'); // unique bare name anywhere
  assert.equal(at(f, regular, '../blog/post.md'), 'blog/post.md');
  assert.equal(at(f, regular, './post'), 'missing'); // "." means beside, no further search
  assert.equal(at(f, regular, '/somewhere/else'), 'missing'); // a URL is not a page path
  assert.equal(at(f, regular, '/old-guide'), 'missing');
  assert.equal(at(f, regular, 'twin'), 'docs/twin.md'); // beside wins before the bare-name search
  assert.equal(at(f, '/site/content/blog/post.md', 'twin'), 'blog/twin.md');
  assert.equal(at(f, '/site/content/_index.md', 'twin'), 'ambiguous');
  assert.equal(at(f, section, 'guide'), 'docs/guide.md'); // a section looks in its own folder
  assert.equal(at(f, bundle, 'guide'), 'docs/guide.md'); // a leaf bundle looks beside the bundle
  assert.equal(at(f, bundle, 'resource.md'), 'missing'); // a bundle's Markdown is a resource
  assert.equal(at(f, bundle, '../guide.md'), 'docs/guide.md'); // with an extension, ../ starts in the bundle
  assert.equal(at(f, bundle, '#inside'), 'docs/setup/index.md');
});

test('ref-not-found and ref-ambiguous are errors, where Hugo fails the build; the #anchor is checked', async () => {
  // Hugo runs shortcodes inside code fences too.
  const f = await checkDiagnostics(`${SITE}//- /site/content/check.md
---
title: Check
---
[a]({{< ref "docs/guide.md" >}}) [b]({{< relref "/docs/nope" >}}) [c]({{% ref "twin" %}})
                                                 ^^^^^^^^^^ error: ref-not-found
                                                                               ^^^^ error: ref-ambiguous
[d]({{< ref "docs/guide.md#setup" >}}) [e]({{< relref "docs/guide#nope" >}}) [f]({{< ref path="/docs/guid.md" >}})
                                                                  ^^^^ warning: anchor-not-found
                                                                                               ^^^^^^^^^^^^^ error: ref-not-found
[g]({{</* ref "not-checked" */>}}) [h]({{< ref "#local" >}}) [i]({{< ref "#elsewhere" >}})
                                                                           ^^^^^^^^^ warning: anchor-not-found

\`\`\`md
{{< ref "in-a-fence" >}}
         ^^^^^^^^^^ error: ref-not-found
\`\`\`

## Local
`);
  const problems = f.of('/site/content/check.md');
  const ambiguous = problems.find((p) => p.code === 'ref-ambiguous')!;
  assert.match(ambiguous.message, /content\/blog\/twin\.md, content\/docs\/twin\.md|content\/docs\/twin\.md, content\/blog\/twin\.md/);
  assert.deepEqual(quickFixes(f.index, ambiguous).map((x) => x.title).sort(), ['Change to "/blog/twin"', 'Change to "/docs/twin"']);
  const missing = problems.find((p) => p.code === 'ref-not-found' && p.message.includes('guid.md'))!;
  assert.equal(quickFixes(f.index, missing)[0]?.title, 'Change to "/docs/guide.md"');
});

test('refs in an include file: only site-root ones are checked (the others depend on the including page)', async () => {
  await checkDiagnostics(`${SITE}//- /site/assets/includes/part.md
{{< ref "guide" >}} {{< ref "/docs/gone" >}}
                             ^^^^^^^^^^ error: ref-not-found
`);
});

test('hover, definition and document links on a ref', async () => {
  const f = await checkDiagnostics(`${SITE}//- /site/content/docs/check.md
---
title: Check
---
{{< ref "gu$0ide#setup" >}} {{< ref "twin.md" >}} {{< ref "/gone" >}}
                                                           ^^^^^ error: ref-not-found
`);
  const file = f.cursor!.file;
  const h = hover(f.index, file, f.cursor!.offset)!;
  assert.match(h.contents, /\*\*Guide\*\* · `content\/docs\/guide\.md` · `\/somewhere\/else\/`/);
  assert.match(h.contents, /## Setup/);
  const d = definition(f.index, file, f.cursor!.offset);
  assert.equal(d[0]?.file, '/site/content/docs/guide.md');
  assert.equal(slice(f, d[0]!.file, d[0]!.start, d[0]!.end), 'Setup');
  const text = f.files[file]!;
  assert.match(hover(f.index, file, text.indexOf('gone'))!.contents, /No page/);
  const targets = documentLinks(f.index, file).map((l) => [slice(f, file, l.start, l.end), l.target]);
  assert.deepEqual(targets, [
    ['guide#setup', '/site/content/docs/guide.md'],
    ['twin.md', '/site/content/docs/twin.md'],
  ]);
});

test('completion inside the quotes: pages beside, unique names, folder by folder, then anchors', async () => {
  const labels = async (line: string) => {
    const f = await fixture(`${SITE}//- /site/content/docs/check.md\n---\ntitle: Check\n---\n${line}\n`);
    return complete(f.index, f.cursor!.file, f.cursor!.offset).items.map((i) => i.label);
  };
  const bare = await labels('{{< ref "$0" >}}');
  for (const l of ['guide', 'setup', 'twin', 'neighbour', 'post']) assert.ok(bare.includes(l), l);
  assert.ok(!bare.includes('resource'), 'a bundle resource is no page');
  assert.equal(bare.filter((l) => l === 'twin').length, 1, 'the twin beside, once; not the ambiguous name');
  assert.deepEqual((await labels('{{< ref "/$0" >}}')).sort(), ['blog', 'blog/', 'docs', 'docs/']);
  assert.deepEqual((await labels('{{< ref "/docs/$0" >}}')).sort(), ['check', 'guide', 'neighbour', 'setup', 'twin']);
  assert.deepEqual(await labels('{{< ref "guide#$0" >}}'), ['setup']);
});

test('references from a heading or a page\'s title include the refs that reach it; renaming a heading updates their anchors', async () => {
  const f = await fixture(`${SITE}//- /site/content/docs/check.md
---
title: Check
---
{{< ref "guide#setup" >}} {{< relref "/docs/guide" >}} {{< ref "twin" >}}
`);
  const guide = '/site/content/docs/guide.md';
  const text = f.files[guide]!;
  const onHeading = references(f.index, guide, text.indexOf('Setup'), false).map((l) => [l.file, slice(f, l.file, l.start, l.end)]);
  assert.deepEqual(onHeading, [['/site/content/docs/check.md', 'guide#setup']]);
  const onTitle = references(f.index, guide, 2, false).map((l) => slice(f, l.file, l.start, l.end));
  assert.deepEqual(onTitle, ['guide#setup', '/docs/guide']);
  const edit = headingRename(f.index, guide, text.indexOf('Setup'), 'Install')!;
  assert.deepEqual(edit.changes.map((c) => [c.file, c.newText, slice(f, c.file, c.start, c.end)]), [
    [guide, 'Install', 'Setup'],
    ['/site/content/docs/check.md', 'install', 'setup'],
  ]);
});

test('moving a page rewrites the refs to it (and a moved page\'s relative refs) so that Hugo still finds the page', async () => {
  const f = await fixture(`${SITE}//- /site/content/docs/check.md
---
title: Check
---
{{< ref "/docs/guide.md#setup" >}} {{< relref "guide" >}} {{< ref "./guide.md" >}} {{< ref "post" >}} {{< ref "/blog/post" >}}
//- /site/content/blog/from-blog.md
---
title: From blog
---
{{< ref "../docs/neighbour.md" >}} {{< ref "post" >}}
`);
  const edit = editsForMoves(f.index, [
    { from: '/site/content/docs/guide.md', to: '/site/content/manual/getting-started.md' },
    { from: '/site/content/blog/from-blog.md', to: '/site/content/docs/deep/from-blog.md' },
  ]);
  const refEdits = edit.changes.filter((c) => /\{\{[<%]/.test(f.files[c.file]!.slice(c.start - 12, c.start))).map((c) => [c.file.replace('/site/content/', ''), slice(f, c.file, c.start, c.end), c.newText]);
  assert.deepEqual(refEdits, [
    ['blog/from-blog.md', '../docs/neighbour.md', '/docs/neighbour.md'],
    ['docs/check.md', '/docs/guide.md', '/manual/getting-started.md'],
    ['docs/check.md', 'guide', 'getting-started'],
    ['docs/check.md', './guide.md', '/manual/getting-started.md'],
  ]);
  // "post" from the moved page still finds the only page of that name; "/blog/post" did not move.
});
