// Leaf bundles, relative aliases and top-level sections, the way Hugo builds them (checked against a
// real Hugo build in the differential test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete } from '../../server/src/features/completion';
import { pageUrls } from '../../server/src/site/urls';
import { checkDiagnostics, fixture } from '../support/fixture';

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
//- /site/content/docs/bundle/index.md
---
title: Bundle
---
## In bundle
//- /site/content/docs/bundle/notes.md
---
title: Notes
---
## Notes heading
//- /site/content/docs/bundle/deeper/more.md
---
title: More
---
//- /site/content/docs/bundle/diagram.png
PNG
//- /site/content/docs/plain.md
---
title: Plain
---
//- /site/content/blog/post.md
---
title: Post
---
//- /site/content/blog/deep/inner.md
---
title: Inner
---
`;

test('a Markdown file inside a leaf bundle is a page resource, not a page: links to it are dead', async () => {
  await checkDiagnostics(`${SITE}//- /site/content/check.md
[a](/docs/bundle/) [b](/docs/bundle/notes/) [c](/docs/bundle/notes.md) [d](/docs/bundle/deeper/more/)
^0 warning: frontmatter-missing-title
                       ^^^^^^^^^^^^^^^^^^^ warning: link-not-found "resource of the bundle "content/docs/bundle/index.md""
                                                ^^^^^^^^^^^^^^^^^^^^^ warning: link-not-found
                                                                           ^^^^^^^^^^^^^^^^^^^^^^^^^ warning: link-not-found
[e](/docs/bundle/diagram.png) [f](/docs/plain/)
`);
});

test('from the bundle itself, its Markdown resource is not a page either (the link hook finds it as a resource, which Hugo does not publish)', async () => {
  await checkDiagnostics(SITE.replace('## In bundle', `## In bundle
[n](notes.md) [n2](./notes.md) [img](diagram.png) [up](../plain.md)
    ^^^^^^^^ warning: link-not-found
                   ^^^^^^^^^^ warning: link-not-found`));
});

test('page completion does not offer a bundle\'s Markdown resources', async () => {
  const f = await fixture(`${SITE}//- /site/content/check.md
[a](/docs/bundle/$0)
`);
  const labels = complete(f.index, f.cursor!.file, f.cursor!.offset).items.map((i) => i.label);
  assert.deepEqual(labels, []);
});

test('a top-level content folder without _index.md is still a section page; a deeper one is not', async () => {
  await checkDiagnostics(`${SITE}//- /site/content/check.md
[a](/blog/) [b](/blog) [c](/blog/post/) [d](/blog/deep/) [e](/blog/deep/inner/) [f](/nothing/)
^0 warning: frontmatter-missing-title
                                            ^^^^^^^^^^^ warning: link-not-found
                                                                                    ^^^^^^^^^ warning: link-not-found
`);
});

test('an alias without a leading slash is relative to the page\'s place, as Hugo publishes it', () => {
  assert.deepEqual(pageUrls({ contentPath: 'sec/bun/index.md', aliases: ['old-bun', '../gone', '/abs/'] }).aliases, ['/sec/old-bun/', '/gone/', '/abs/']);
  assert.deepEqual(pageUrls({ contentPath: 'top/p.md', aliases: ['x'] }).aliases, ['/top/x/']);
  assert.deepEqual(pageUrls({ contentPath: 'sec/_index.md', aliases: ['x'] }).aliases, ['/x/']);
  assert.deepEqual(pageUrls({ contentPath: 'a/b.md', url: '/custom/place/', aliases: ['x'] }).aliases, ['/custom/x/']);
});

test('links to a relative alias resolve where Hugo put it', async () => {
  await checkDiagnostics(`${SITE.replace('title: Plain', 'title: Plain\naliases: [old-plain]')}//- /site/content/check.md
[a](/docs/old-plain/) [b](/old-plain/)
^0 warning: frontmatter-missing-title
                          ^^^^^^^^^^^ warning: link-not-found
`);
});
