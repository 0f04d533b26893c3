// What the differential test against Hugo (test/hugo) found, one unit test per gap closed: raw HTML
// links and ids, attribute lists, includes in code fences, setext headings, front matter positions,
// HTML content pages, links that the link render hook resolves, emoji in heading ids, exclusions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDiagnostics, fixture } from '../support/fixture';

const ids = async (config: string, body: string): Promise<string[]> => {
  const f = await fixture(`//- /site/hugo.yaml\n${config}\n//- /site/content/p.md\n---\ntitle: P\n---\n${body}`);
  return f.index.anchorsOf('/site/content/p.md').map((a) => a.id);
};

test('with enableEmoji, :name: shortcodes in a heading are emoji, which the id drops (not inside code)', async () => {
  const body = '## :rocket: `deploy` now\n\n## Emoji :tada: party\n\n## `:tada:` in code\n\n## :notanemoji: stays\n';
  assert.deepEqual(await ids('enableEmoji: true', body), ['-deploy-now', 'emoji--party', 'tada-in-code', 'notanemoji-stays']);
  // Without it (Hugo's default), the shortcode is text.
  assert.deepEqual(await ids('title: x', body), ['rocket-deploy-now', 'emoji-tada-party', 'tada-in-code', 'notanemoji-stays']);
});

const site = (files: string): Promise<import('../support/fixture').Fixture> => fixture(`//- /site/hugo.yaml\ntitle: x\n${files}`);
/** A site with these files, held to the diagnostics they annotate. */
const checkSite = (files: string) => checkDiagnostics(`//- /site/hugo.yaml\ntitle: x\n${files}`);

test('raw HTML: id on any element and <a name> are anchors, also in an HTML block; an id on <h2> is a heading', async () => {
  const f = await site(`//- /site/content/p.md
---
title: P
---
<a id="lead"></a>

<div id="box">

Text <span id="inline">x</span> <a name="named"></a>

</div>

<h2 id="raw-heading">Raw <em>heading</em></h2>

\`<span id="in-code">\`

\`\`\`html
<div id="fenced"></div>
\`\`\`

<!-- <span id="commented"></span> -->
`);
  const anchors = f.index.anchorsOf('/site/content/p.md');
  assert.deepEqual(anchors.map((a) => [a.id, a.level]), [['lead', 0], ['box', 0], ['inline', 0], ['named', 0], ['raw-heading', 2]]);
  assert.equal(anchors[4]!.text, 'Raw heading');
});

test('raw HTML links are checked as a browser follows them: from the page URL, no .md spellings, not in code', async () => {
  await checkSite(`//- /site/content/team/_index.md
---
title: Team
---
## People

<a href="/team/members/">ok</a> <a href="/team/members">ok</a> <a href="/team/members/index.html">ok</a>
<a href='members/#list'>ok</a> <a href="#people">ok</a> <a class="x" href="/nope/">dead</a>
                                                                           ^^^^^^ warning: link-not-found
<a href="/team/members.md">dead: no hook reads raw HTML</a> <a href="#gone">dead anchor</a>
         ^^^^^^^^^^^^^^^^ warning: link-not-found
                                                                      ^^^^ warning: anchor-not-found
\`<a href="/in-code/">\`

<div><a href="/team/members/#missing">dead anchor in an HTML block</a></div>
                             ^^^^^^^ warning: anchor-not-found
//- /site/content/team/members.md
---
title: Members
---
## List
`);
});

test('attribute lists: {#id .class} and {.class} after a heading, with or without a space; a class is not in the id', async () => {
  const body = '## Classed heading {.text-danger}\n\n#### RED{.text-danger #red}\n\n### Spaced { #spaced-id .c }\n\n## Key {data-x="1" #kv}\n\n## Not {nope}\n\n## Dup {#dup}\n\n## Dup\n';
  assert.deepEqual(await ids('title: x', body), ['classed-heading', 'red', 'spaced-id', 'kv', 'not-nope', 'dup', 'dup-1']);
});

test('a block attribute list on the line after a paragraph, quote or list sets an anchor; alone it sets none', async () => {
  const body = 'A paragraph.\n{#para-id}\n\n> Quote\n{#quote-id .note}\n\n- item\n{#list-id}\n\nBefore a blank.\n\n{#lonely}\n';
  assert.deepEqual(await ids('title: x', body), ['para-id', 'quote-id', 'list-id']);
});

test('an include called inside a code fence or a comment brings no headings', async () => {
  const f = await site(`//- /site/assets/includes/a.md
## Included
//- /site/content/p.md
---
title: P
---
\`\`\`md
{{% include "includes/a.md" %}}
\`\`\`

<!-- {{% include "includes/a.md" %}} -->

{{% include "includes/a.md" %}}
`);
  assert.deepEqual(f.index.anchorsOf('/site/content/p.md').map((a) => a.id), ['included']);
});

test('a setext heading right after a thematic break', async () => {
  assert.deepEqual(await ids('title: x', '***\nAfter a break\n-------------\n\n---\nAnother\n===\n'), ['after-a-break', 'another']);
});

test('a content page written in HTML is a page: its URL, ids and links', async () => {
  const f = await checkSite(`//- /site/content/_index.html
---
title: Home
---
<h2 id="welcome">Welcome</h2>
<p><a href="/">home</a> <a href="/team/">team</a> <a href="/gone/">gone</a> <a href="#welcome">top</a></p>
                                                           ^^^^^^ warning: link-not-found
<!-- <a href="/commented/">x</a> -->
//- /site/content/team/_index.md
---
title: Team
---
[home](/) [welcome](/#welcome) [nope](/#nope)
                                        ^^^^ warning: anchor-not-found
`);
  assert.equal(f.index.pageAt(f.index.sites[0]!, '/'), '/site/content/_index.html');
});

test('a bare _index (no .md) is the section, as the link render hook\'s GetPage reads it', async () => {
  await checkSite(`//- /site/content/docs/_index.md
---
title: Docs
---
## Docs heading
//- /site/content/docs/page.md
---
title: Page
---
[a](_index) [b](./_index#docs-heading) [c](/docs/_index) [d](_index#nope)
                                                                    ^^^^ warning: anchor-not-found
`);
});

test('.hugolint.yaml exclusions match the URL a link resolves to, not only the link as written', async () => {
  await checkSite(`//- /site/.hugolint.yaml
exclude:
 - pattern: '^/handbook/engineering/?#'
//- /site/content/handbook/engineering/_index.md
---
title: Engineering
---
Generated headings.
//- /site/content/handbook/other.md
---
title: Other
---
[a](/handbook/engineering/#generated) [b](engineering/#generated) [c](/handbook/engineering/_index.md#generated)
[d](/handbook/engineering/index.html#generated) [e](/handbook/other/#not-excluded)
                                                                     ^^^^^^^^^^^^ warning: anchor-not-found
`);
});

test('front matter errors are where the cause is: an unterminated YAML string at its opening quote, JSON where the parser stopped', async () => {
  const { parseFrontMatter } = await import('../../server/src/parse/frontMatter');
  const at = (text: string): string => {
    const e = parseFrontMatter(text)!.errors[0]!;
    const line = text.slice(0, e.start).split('\n').length;
    return `${line}:${e.start - text.lastIndexOf('\n', e.start - 1)} ${text.slice(e.start, e.start + 3)}`;
  };
  assert.equal(at('---\ntitle: "Unterminated\ndescription: x\nweight: 3\n---\n'), '2:8 "Un');
  assert.equal(at("---\ntitle: 'it''s'\ndescription: 'Unterminated\n---\n"), "3:14 'Un");
  assert.equal(at('---\na: "esc \\" ok"\nb: "open\n---\n'), '3:4 "op');
  assert.equal(at('{\n  "title": "x",\n  "weight": 3,,\n  "d": 1\n}\n'), '3:15 ,\n ');
  assert.equal(at('+++\ntitle = "x"\nweight = 3 4\n+++\n'), '3:12 4\n+');
});

test('an alias is a redirect page only a browser finds: served spellings only; static files are not read from the page\'s folder', async () => {
  await checkSite(`//- /site/content/_index.md
---
title: Home
---
//- /site/content/a/b.md
---
title: B
aliases: [/old-b/]
---
//- /site/static/images/x.png
PNG
//- /site/content/a/from.md
---
title: From
---
[ok](/old-b/) [ok](/old-b) [ok](/old-b/index.html) [dead](/old-b.md) [dead](/old-b/_index.md) [dead](/OLD-B/)
                                                          ^^^^^^^^^ warning: link-not-found
                                                                            ^^^^^^^^^^^^^^^^ warning: link-not-found
                                                                                                     ^^^^^^^ warning: link-not-found
[ok](/images/x.png) [ok](../../images/x.png) [dead](../images/x.png)
                                                    ^^^^^^^^^^^^^^^ warning: link-not-found
//- /site/content/a/deep/d.md
---
title: D
---
[home, as GetPage reads it from the root](_index.md) [dead](./_index.md)
                                                            ^^^^^^^^^^^ warning: link-not-found
`);
});

test('named character references in a heading are characters before the slug (&copy; is ©, which the id drops)', async () => {
  assert.deepEqual(await ids('title: x', '## Entity &copy; 2024 and &#169;\n\n## A &amp; B\n'), ['entity--2024-and-', 'a--b']);
});

test('hover and go to definition on a raw HTML link follow it as the diagnostic does', async () => {
  const { linkDefinition, linkHover } = await import('../../server/src/features/links');
  const f = await checkSite(`//- /site/content/a.md
---
title: A
---
<a href="/b.md">as written</a> <a href="/b/">served</a>
         ^^^^^ warning: link-not-found
//- /site/content/b.md
---
title: B
---
`);
  const text = f.fs.readFile('/site/content/a.md')!;
  // The dead one has its diagnostic and no hover of its own (it would repeat it); the served one hovers
  // with its page's title.
  assert.equal(linkHover(f.index, '/site/content/a.md', text.indexOf('/b.md')), undefined);
  assert.match(linkHover(f.index, '/site/content/a.md', text.indexOf('/b/'))!.contents, /\*\*B\*\*/);
  assert.deepEqual(linkDefinition(f.index, '/site/content/a.md', text.indexOf('/b.md')), []);
  assert.equal(linkDefinition(f.index, '/site/content/a.md', text.indexOf('/b/'))[0]!.file, '/site/content/b.md');
});

test('an include in a page written in HTML brings no headings: nothing renders its Markdown there', async () => {
  const f = await site(`//- /site/assets/includes/h.md
## Included
//- /site/content/_index.html
---
title: Home
---
<h2 id="own">Own</h2>
{{% include "includes/h.md" %}}
`);
  assert.deepEqual(f.index.anchorsOf('/site/content/_index.html').map((a) => a.id), ['own']);
});

test('a lone tag line right after a list item\'s text continues its paragraph (inline HTML), so the links after it are links', async () => {
  // A type 7 HTML block (a line holding one tag that is not a block-level one) cannot interrupt a
  // paragraph, and a list item's text is one: `  <br>` is inline HTML there, as after a paragraph.
  await checkSite(`//- /site/content/p.md
---
title: P
---
## Target

- [first](#target)
  <br>
- [second](/nope-a/)
           ^^^^^^^^ warning: link-not-found
  <br>
  <span>
- [third](#nowhere)
           ^^^^^^^ warning: anchor-not-found
<br>
[lazy](/nope-b/)
       ^^^^^^^^ warning: link-not-found

- item

  <br>
  [after a blank line the tag opens an HTML block](/inside-html-block/)

1. [numbered](#target)
   <br>
   [after numbered](/nope-c/)
                    ^^^^^^^^ warning: link-not-found

| a | b |
|---|---|
| x | y |
<br>
[a row after a row](/nope-d/)
                    ^^^^^^^^ warning: link-not-found

- ## A heading item
  <br>
  [after a heading the tag opens an HTML block](/inside-html-block/)
`);
});
