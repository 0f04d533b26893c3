// The Markdown preview plugin on markdown-it, fed by the engine's preview context: what the reader of
// the preview sees. The sample handbook's seed page is read from examples/ through the real file system.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { diagnose } from '../../server/src/features/diagnostics';
import { previewContext } from '../../server/src/features/preview';
import type { PreviewContextParams } from '../../server/src/protocol';
import { WorkspaceIndex, DEFAULT_OPTIONS } from '../../server/src/index/workspace';
import { NodeFileSystem } from '../../server/src/util/nodeFileSystem';
import { toPreviewData, relativePath, servedByServer } from '../../client/src/preview/data';
import { handbookPreview, MAX_TABS, type PreviewData, type PreviewSource } from '../../client/src/preview/render';
import type { MarkdownIt } from '../../client/src/preview/markdownIt';
import { fixture } from '../support/fixture';

// markdown-it ships no types; the plugin is typed against the part of its API it uses.
const createMarkdownIt = require('markdown-it') as (options?: Record<string, unknown>) => MarkdownIt;

const SAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'sample-handbook');
const SEED = path.join(SAMPLE, 'content', 'handbook', 'engineering', 'careers', 'matrix', 'quality', 'engineering-productivity', 'senior.md');
const toUri = (f: string): string => URI.file(f).toString();

/** A markdown-it with the plugin, reading the given page's context; records what it asked for. */
function previewer(data: PreviewData | undefined, options: Record<string, unknown> = { html: true }) {
  const wanted: string[] = [];
  const source: PreviewSource = () => (data ? { data, want: (kind, key) => wanted.push(`${kind}:${key}`) } : undefined);
  const md = handbookPreview(createMarkdownIt(options), source);
  return { md, wanted, render: (text: string) => md.render(text, {}) };
}

async function samplePreview(params: Partial<PreviewContextParams> = {}) {
  const index = new WorkspaceIndex(new NodeFileSystem(), DEFAULT_OPTIONS);
  index.setFolders([SAMPLE]);
  await index.ensureIndexed();
  const answer = previewContext(index, SEED, { uri: toUri(SEED), ...params }, toUri);
  return { index, answer, data: toPreviewData(answer, toUri(SEED)) };
}

async function seedHtml() {
  const { index, data } = await samplePreview();
  const text = index.textOf(SEED)!;
  return { index, data, html: previewer(data).render(text) };
}

const headingIds = (html: string): string[] => [...html.matchAll(/<h[1-6][^>]* id="([^"]*)"/g)].map((m) => m[1]!);

test('the seed page: every included competency drawn in place, under its heading', async () => {
  const { html } = await seedHtml();
  assert.ok(html.includes('Mentors team members on the team.'), 'leadership competencies missing');
  assert.ok(html.includes('Solves complex technical problems'), 'technical competencies missing');
  assert.ok(html.includes('Adheres to the company values'), 'values missing');
  assert.ok(!html.includes('{{%'), 'raw shortcode delimiters left in the page');
  // In place: each include comes right after the heading that introduces it.
  const order = ['Senior Leadership Competencies', 'Mentors team members', 'Senior Technical Competencies', 'Solves complex technical', 'Senior Values Alignment', 'Adheres to the company'];
  const at = order.map((s) => html.indexOf(s));
  assert.deepEqual([...at].sort((a, b) => a - b), at);
});

test('the seed page: the missing include is an error box with the diagnostic\'s own message', async () => {
  const { index, html } = await seedHtml();
  const diagnostic = diagnose(index, SEED).find((p) => p.code === 'include-not-found');
  assert.ok(diagnostic);
  const box = /<div class="handbook-preview-error" role="alert"[^>]*>(.*?)<\/div>/.exec(html);
  assert.ok(box, 'no error box');
  assert.ok(box[1]!.includes(previewer(undefined).md.utils.escapeHtml(diagnostic.message)), `box says: ${box[1]}`);
  assert.match(box[1]!, /Include &quot;includes\/engineering-careers\/ep-career-nav.md&quot; not found in assets\//);
});

test('the seed page: heading ids are the anchors the diagnostics know, included headings numbered with the page\'s', async () => {
  const { index, html } = await seedHtml();
  const ids = headingIds(html);
  assert.deepEqual(ids, index.anchorsOf(SEED).map((a) => a.id));
  assert.deepEqual(ids, [
    'senior-backend-engineer-engineering-productivity',
    'senior-leadership-competencies',
    'engineering',
    'senior-technical-competencies',
    'engineering-1',
    'engineering-productivity',
    'senior-values-alignment',
    'gitlab',
  ]);
  // The page's own broken in-page links stay as written: they jump nowhere, as on the site.
  assert.ok(html.includes('href="#leadership-competencies"'));
});

test('the seed page: front matter as the handbook\'s header, the team-page link opens the team page, terms carry their definition', async () => {
  const { html } = await seedHtml();
  assert.match(html, /<header class="handbook-page-header"><h1 class="handbook-page-title">Quality Career Framework: Senior Backend Engineer, Engineering Productivity<\/h1><p class="handbook-page-description">These are the expected competencies/);
  assert.ok(!html.includes('title: '), 'front matter drawn as text');
  assert.match(html, /<a href="\.\.\/\.\.\/\.\.\/\.\.\/infrastructure\/engineering-productivity\/_index.md#areas-of-responsibility" data-href="[^"]*" title="content\/handbook\/engineering\/infrastructure\/engineering-productivity\/_index.md">team page<\/a>/);
  const cell = /<td class="handbook-term" title="([^"]*)">Dogfood use<\/td>/.exec(html);
  assert.ok(cell, 'the term cell has no definition');
  assert.match(cell[1]!, /^Dogfood GitLab product features to improve developer workflow/);
  assert.match(cell[1]!, /Use new features from related product groups\./);
  // The description column is not a term.
  assert.ok(!/<td class="handbook-term"[^>]*>Identify and implement/.test(html));
});

test('the href of a resolved link is relative to the page folder', () => {
  assert.equal(relativePath('/s/content/a/b', '/s/content/c/_index.md'), '../../c/_index.md');
  assert.equal(relativePath('/s/content/a', '/s/content/a/x.md'), './x.md');
});

test('shortcodes are drawn as what they mean, with their parameters escaped', () => {
  const { render } = previewer({ includes: {}, links: {}, terms: {} });
  const html = render(
    [
      '{{% alert title="Heads <up>" color="warning" %}}',
      'Text **inside**.',
      '{{% /alert %}}',
      '',
      '{{< alert color="javascript:alert(1)" >}}',
      'Plain.',
      '{{< /alert >}}',
      '',
      '{{% details summary="More" %}}',
      'Hidden part.',
      '{{% /details %}}',
      '',
      '{{% panel header="Panel head" header-bg="info" %}}',
      'In the panel.',
      '{{% /panel %}}',
      '',
      '{{% note %}}',
      'A note.',
      '{{% /note %}}',
      '',
      '{{< tabpane text=true >}}',
      '{{% tab header="First" %}}',
      'One.',
      '{{% /tab %}}',
      '{{% tab header="Second" %}}',
      'Two.',
      '{{% /tab %}}',
      '{{< /tabpane >}}',
      '',
      'A {{< label name="group::productivity" color="#A8D695" light="true" >}} label.',
      '',
      '{{< youtube id="dQw4w9WgXcQ" title="Demo" >}}',
      '',
      '{{< kpi "Engineering Function" >}}',
      '',
      'Inline {{< engineering/stable-counterparts >}} marker.',
    ].join('\n'),
  );
  assert.match(html, /<div class="handbook-alert handbook-alert-warning" role="alert"><div class="handbook-alert-title">Heads &lt;up&gt;<\/div>\n<p>Text <strong>inside<\/strong>.<\/p>\n<\/div>/);
  assert.match(html, /<div class="handbook-alert handbook-alert-primary" role="alert">\n<p>Plain.<\/p>/);
  assert.ok(!html.includes('javascript:'));
  assert.match(html, /<details class="handbook-details"><summary>More<\/summary>\n<p>Hidden part.<\/p>\n<\/details>/);
  assert.match(html, /<div class="handbook-panel handbook-panel-info"><div class="handbook-panel-header">Panel head<\/div><div class="handbook-panel-body">\n<p>In the panel.<\/p>\n<\/div><\/div>/);
  assert.match(html, /<div class="handbook-alert handbook-alert-info handbook-note" role="note"><div class="handbook-alert-title">Note<\/div>\n<p>A note.<\/p>/);
  assert.match(html, /<div class="handbook-tab handbook-tab-1">\n<p>One.<\/p>\n<\/div>\n<div class="handbook-tab handbook-tab-2">\n<p>Two.<\/p>\n<\/div>\n<\/div>/);
  assert.match(html, /<span class="handbook-label" style="background-color:#A8D695;color:#333">group::productivity<\/span>/);
  assert.match(html, /<div class="handbook-embed"><div class="handbook-embed-title">YouTube video: Demo<\/div><a href="https:\/\/www.youtube.com\/watch\?v=dQw4w9WgXcQ">/);
  assert.ok(!/<iframe|<script/.test(html), 'an embed loads something');
  assert.match(html, /<div class="handbook-shortcode-line"><span class="handbook-shortcode" title="\{\{&lt; kpi &quot;Engineering Function&quot; &gt;\}\} — drawn by Hugo when the site is built">kpi<\/span><\/div>/);
  assert.match(html, /Inline <span class="handbook-shortcode" [^>]*>engineering\/stable-counterparts<\/span> marker/);
  assert.ok(!/\{\{[<%]/.test(html.replace(/title="[^"]*"/g, '')), 'delimiters left outside tooltips');
});

test('the comment form shows the literal call, in text and in code, as Hugo does; comment shortcodes show nothing', () => {
  const { render } = previewer({ includes: {}, links: {}, terms: {} });
  const html = render('Write {{%/* include "includes/x.md" */%}} to include.\n\n```\n{{</* alert */>}}\n```\n\n`{{%/* a "x" */%}}`\n\n{{< comment >}}\nSecret.\n{{< /comment >}}\n\nAfter.');
  assert.ok(html.includes('Write {{% include &quot;includes/x.md&quot; %}} to include.'), html);
  assert.ok(html.includes('<code>{{&lt; alert &gt;}}\n</code>'), html);
  assert.ok(html.includes('<code>{{% a &quot;x&quot; %}}</code>'), html);
  assert.ok(!html.includes('Secret'));
  assert.ok(html.includes('After.'));
});

test('{#custom-id} gives the heading that id and leaves the text; repeats are numbered -1, -2 across includes', () => {
  const data: PreviewData = { page: 'content/p.md', includes: { 'a.md': { name: 'assets/a.md', text: '## Overview\n\n## Overview\n' } }, links: {}, terms: {} };
  const html = previewer(data).render('## Overview\n\n{{% include "a.md" %}}\n\n## Custom heading {#my-id}\n');
  assert.deepEqual(headingIds(html), ['overview', 'overview-1', 'overview-2', 'my-id']);
  assert.ok(html.includes('>Custom heading</h2>'));
});

test('an include cycle is an error box worded as the diagnostic of the file that closes it', async () => {
  const f = await fixture(`//- /site/hugo.toml
title = "x"
//- /site/assets/includes/a.md
Text of a.

{{% include "includes/b.md" %}}
//- /site/assets/includes/b.md
{{% include "includes/a.md" %}}
//- /site/content/page.md
---
title: Page
---
{{% include "includes/a.md" %}}
`);
  const page = '/site/content/page.md';
  const answer = previewContext(f.index, page, { uri: toUri(page) }, toUri);
  const html = previewer(toPreviewData(answer, toUri(page))).render(f.index.textOf(page)!);
  assert.ok(html.includes('Text of a.'));
  const cycle = diagnose(f.index, '/site/assets/includes/b.md').find((p) => p.code === 'include-cycle');
  assert.ok(cycle);
  assert.match(html, /<div class="handbook-preview-error" role="alert"><span class="handbook-preview-error-code">include-cycle<\/span> (.*?)<\/div>/);
  assert.ok(html.includes(`include-cycle</span> ${previewer(undefined).md.utils.escapeHtml(cycle.message)}</div>`), html);
  // Drawn once: the cycle stops the recursion.
  assert.equal(html.split('Text of a.').length, 2);
});

test('included text follows the page\'s rules: with HTML off its markup is shown as text, never run', () => {
  const data: PreviewData = { page: 'p.md', includes: { 'x.md': { name: 'assets/x.md', text: '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n' } }, links: {}, terms: {} };
  const off = previewer(data, { html: false }).render('{{% include "x.md" %}}');
  assert.ok(!off.includes('<script') && !off.includes('<img'), off);
  assert.ok(off.includes('&lt;script&gt;'));
  // With HTML on (VS Code's default) the included HTML is passed as the page's own would be, and the
  // preview's content security policy decides; the plugin adds no script of its own.
  const on = previewer(data, { html: true }).render('Page <b>bold</b>\n\n{{% include "x.md" %}}');
  assert.equal(on.includes('<script>'), createMarkdownIt({ html: true }).render('<script>alert(1)</script>').includes('<script>'));
});

test('what is not known yet is asked for and drawn as loading, then drawn when it arrives', () => {
  const data: PreviewData = { page: 'p.md', includes: {}, links: {}, terms: {} };
  const p = previewer(data);
  const text = '{{% include "includes/new.md" %}}\n\n[x](/handbook/new/)\n\n[y](#local) [z](https://example.com)';
  const first = p.render(text);
  assert.match(first, /Loading include &quot;includes\/new.md&quot;…/);
  assert.deepEqual(p.wanted.sort(), ['include:includes/new.md', 'link:/handbook/new/']);
  data.includes['includes/new.md'] = { name: 'assets/includes/new.md', text: 'New text.' };
  data.links['/handbook/new/'] = { missing: true };
  const second = p.render(text);
  assert.ok(second.includes('<p>New text.</p>'));
  assert.match(second, /<a href="\/handbook\/new\/" class="handbook-link-missing" title="No page or file of the site at this link">x<\/a>/);
});

test('tokens rendered twice (VS Code caches them per version) give the same HTML', async () => {
  const { index, data } = await samplePreview();
  const { md } = previewer(data);
  const tokens = md.parse(index.textOf(SEED)!, {});
  const once = (md.renderer as unknown as { render: (t: unknown, o: unknown, e: object) => string }).render(tokens, md.options, {});
  const twice = (md.renderer as unknown as { render: (t: unknown, o: unknown, e: object) => string }).render(tokens, md.options, {});
  assert.equal(twice, once);
});

test('without a page to draw for, includes say so instead of loading forever', () => {
  const html = previewer(undefined).render('{{% include "includes/x.md" %}}');
  assert.match(html, /include &quot;includes\/x.md&quot;: open the page in an editor/);
});

test('the engine answers requested paths and links too, and says why an include cannot be drawn', async () => {
  const { answer } = await samplePreview({ includes: ['includes/engineering-careers/team-contact.md', '../../etc/passwd'], links: ['/handbook/'] });
  assert.equal(answer.page, 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md');
  assert.match(answer.includes['includes/engineering-careers/team-contact.md']!.text!, /g_engineering_productivity/);
  assert.deepEqual(answer.includes['../../etc/passwd'], { error: { code: 'include-outside-site', message: 'Include path "../../etc/passwd" climbs out of the include folders with ".."; it is never read.' } });
  assert.equal(answer.links['/handbook/']!.name, 'content/handbook/_index.md');
  assert.ok(answer.dependsOn.some((u) => u.endsWith('/engineering-productivity/_index.md')), 'the term source is a dependency');
});

test('include paths and links named like object members ("constructor", "__proto__") are paths like any other', async () => {
  const p = previewer({ page: 'p.md', includes: {}, links: {}, terms: {} });
  const html = p.render('{{% include "constructor" %}}\n\n[x](constructor)');
  assert.match(html, /Loading include &quot;constructor&quot;/);
  assert.deepEqual(p.wanted.sort(), ['include:constructor', 'link:constructor']);
  const { answer, data } = await samplePreview({ includes: ['__proto__', 'constructor'] });
  assert.equal(answer.includes['__proto__']!.error!.code, 'include-not-found');
  assert.ok(Object.hasOwn(data.includes, '__proto__'));
  assert.match(previewer(data).render('{{% include "__proto__" %}}'), /include-not-found<\/span> Include &quot;__proto__&quot; not found/);
});

test('random and mutated Markdown with shortcodes never throws, and the plugin\'s boxes open and close in pairs', async () => {
  const fc = (await import('fast-check')).default;
  const { markdown, mutated, params, seedPages } = await import('../support/fuzz');
  const seeds = seedPages();
  const data: PreviewData = {
    page: 'content/p.md',
    includes: { 'includes/a.md': { name: 'assets/includes/a.md', text: '{{% include "includes/a.md" %}}\n\n## A\n\n{{% alert %}}\nx\n' }, 'includes/b.md': { error: { code: 'include-not-found', message: 'Include "includes/b.md" not found in assets/.' } } },
    links: {},
    terms: {},
  };
  // With HTML off every <div> and <details> is the plugin's own (real pages bring raw HTML of their own).
  const own = previewer(data, { html: false }).md;
  const withHtml = previewer(data, { html: true }).md;
  fc.assert(
    fc.property(fc.oneof(markdown, mutated(seeds)), (text) => {
      withHtml.render(text, {});
      const html = own.render(text, {});
      const opens = (html.match(/<(div|details)[\s>]/g) ?? []).length;
      const closes = (html.match(/<\/(div|details)>/g) ?? []).length;
      assert.equal(closes, opens, 'unbalanced <div>/<details>');
    }),
    params(1000),
  );
});

test('front matter that does not parse is an error box with the diagnostic\'s message, and the page still draws', async () => {
  const f = await fixture(`//- /site/hugo.toml
title = "x"
//- /site/content/page.md
---
title: "Unclosed
description: x
---

Body text.
`);
  const page = '/site/content/page.md';
  const diagnostic = diagnose(f.index, page).find((p) => p.code === 'frontmatter-invalid');
  assert.ok(diagnostic);
  const html = previewer({ includes: {}, links: {}, terms: {} }).render(f.index.textOf(page)!);
  assert.ok(html.includes(`frontmatter-invalid</span> ${previewer(undefined).md.utils.escapeHtml(diagnostic.message)}</div>`), html);
  assert.ok(html.includes('<p>Body text.</p>'));
  assert.ok(!html.includes('description: x'));
});

test('shortcodes inside raw HTML blocks are drawn too (Hugo runs them there), includes expanded', () => {
  const data: PreviewData = { page: 'p.md', includes: { 'includes/x.md': { name: 'assets/includes/x.md', text: '**Included**' } }, links: {}, terms: {} };
  const { md } = previewer(data);
  const text = '<table>\n<tr><td>{{< youtube "A4mfSgN3a5s" >}}</td><td>{{% include "includes/x.md" %}}</td><td>{{</* a */>}}</td></tr>\n</table>\n';
  const html = md.render(text, {});
  assert.match(html, /<td><span class="handbook-embed">YouTube video: <a href="https:\/\/www.youtube.com\/watch\?v=A4mfSgN3a5s">/);
  assert.match(html, /<td><div class="handbook-include" data-include="includes\/x.md">\n<p><strong>Included<\/strong><\/p>\n<\/div>\n<\/td>/);
  assert.ok(html.includes('<td>{{&lt; a &gt;}}</td>'), html);
  // The cached token keeps its text: drawn again, the same.
  const tokens = md.parse(text, {});
  const render = (md.renderer as unknown as { render: (t: unknown, o: unknown, e: object) => string }).render.bind(md.renderer);
  assert.equal(render(tokens, md.options, {}), render(tokens, md.options, {}));
});

test('on a site with enableEmoji, heading ids leave :emoji: out as the index does', async () => {
  const f = await fixture(`//- /site/hugo.toml
enableEmoji = true
//- /site/content/page.md
---
title: Page
---
## Launch :rocket: day

## Launch :rocket: day {.lead}
`);
  const page = '/site/content/page.md';
  const data = toPreviewData(previewContext(f.index, page, { uri: toUri(page) }, toUri), toUri(page));
  assert.equal(data.emoji, true);
  const ids = headingIds(previewer(data).render(f.index.textOf(page)!));
  assert.deepEqual(ids, f.index.anchorsOf(page).map((a) => a.id));
  assert.equal(ids.length, 2);
});

test('the preview asks the server about pages on disk and, in VS Code for the web, in the workspace\'s own scheme', () => {
  // Desktop: files. The GitLab Web IDE, vscode.dev and the web worker host name workspace pages in their own
  // scheme, which the web server maps itself: a preview of such a page must ask for its includes too.
  assert.equal(servedByServer('file', ['file']), true);
  assert.equal(servedByServer('vscode-remote', ['vscode-remote']), true);
  assert.equal(servedByServer('vscode-vfs', ['vscode-vfs']), true);
  // No site holds an untitled page or the old side of a git diff.
  assert.equal(servedByServer('untitled', ['file']), false);
  assert.equal(servedByServer('git', ['file']), false);
  assert.equal(servedByServer('vscode-vfs', []), false);
});

test('a block attribute list gives the block above its id and classes as Hugo does, and is not shown', async () => {
  const { scanBlocks } = await import('../../server/src/parse/headings');
  const text = [
    'A paragraph.',
    '{#para-id .lead .x}',
    '',
    '> Quote',
    '{#quote-id .note}',
    '',
    '- item',
    '- item two',
    '{#list-id}',
    '',
    'Before a blank.',
    '',
    '{#lonely}',
    '',
    '| a | b |',
    '|---|---|',
    '| 1 | 2 |',
    '{#table-id .wide}',
    '',
    'Two lines',
    'of text',
    '{#two-lines}',
    '',
    'Para with keys.',
    '{data-x="1" title=\'T\' onclick="alert(1)" style="color:red"}',
    '',
    '## Heading',
    '{#not-the-id .c}',
    '',
    'Not {#inline} a list.',
    '{.only-class}',
    '',
    '![A picture](x.png)',
    '{.shadow.medium.center}',
    '',
    '- one',
    '{#between}',
    '- two',
    '',
    '3. third',
    '{#numbered}',
    '4. fourth',
    '5. fifth',
    '',
  ].join('\n');
  const html = previewer(undefined).render(text);
  // What Hugo (goldmark with parser.attribute.block) writes for the same text.
  assert.match(html, /<p id="para-id" class="lead x">A paragraph.<\/p>/);
  assert.match(html, /<blockquote id="quote-id" class="note">\n<p>Quote<\/p>\n<\/blockquote>/);
  assert.match(html, /<ul id="list-id">\n<li>item<\/li>\n<li>item two<\/li>\n<\/ul>/);
  assert.match(html, /<table id="table-id" class="wide">/);
  assert.equal((html.match(/<tr>/g) ?? []).length, 2, 'the attribute line is drawn as a table row');
  assert.match(html, /<p id="two-lines">Two lines\nof text<\/p>/);
  // Attributes no page needs to run are left out: event handlers, inline style.
  assert.match(html, /<p data-x="1" title="T">Para with keys.<\/p>/);
  // After a heading: its class, not its id (Hugo keeps the heading's own id).
  assert.match(html, /<h2 (?=[^>]*\bid="heading")(?=[^>]*\bclass="c")[^>]*>Heading<\/h2>/);
  assert.match(html, /<p class="only-class">Not \{#inline\} a list.<\/p>/);
  assert.match(html, /<p class="shadow.medium.center"><img src="x.png" alt="A picture"><\/p>/);
  // Between two items it ends the list, which takes the attributes; the next item starts a new list.
  assert.match(html, /<ul id="between">\n<li>one<\/li>\n<\/ul>\n<ul>\n<li>two<\/li>\n<\/ul>/);
  assert.match(html, /<ol start="3" id="numbered">\n<li>third<\/li>\n<\/ol>\n<ol start="4">\n<li>fourth<\/li>\n<li>fifth<\/li>\n<\/ol>/);
  for (const shown of ['{#para-id', '{#quote-id', '{#list-id', '{#between', '{#numbered', '{#lonely', 'lonely', '{#table-id', '{#two-lines', '{data-x', '{#not-the-id', '{.only-class', 'onclick', 'color:red']) {
    assert.ok(!html.includes(shown), `${shown} is in the preview`);
  }
  // The ids are the anchors the engine knows for the page (which the diagnostics check links against).
  const blockIds = [...html.matchAll(/<(?:p|blockquote|ul|ol|table)[^>]* id="([^"]*)"/g)].map((m) => m[1]!);
  assert.deepEqual(blockIds, scanBlocks(text).blockIds.map((b) => b.id));
});

test('tabpane: each tab is a tab to switch to, with no script — a radio button, its header as label, its panel', async () => {
  const { render } = previewer({ includes: {}, links: {}, terms: {} });
  const pane = (tabs: string[]): string[] => ['{{< tabpane text=true >}}', ...tabs.flatMap((t, i) => [i % 2 ? `{{% tab "${t}" %}}` : `{{% tab header="${t}" %}}`, `Body of ${t}.`, '{{% /tab %}}']), '{{< /tabpane >}}', ''];
  const html = render([...pane(['Local & dev', 'Review app', 'CI']), ...pane(['Other']), '{{% tab header="Stray" %}}', 'Alone.', '{{% /tab %}}'].join('\n'));
  assert.ok(!/<script|\bon[a-z]+=/i.test(html), 'the tabs need a script');
  const panes = html.split('<div class="handbook-tabpane">').slice(1);
  assert.equal(panes.length, 2);
  const groups = panes.map((p) => {
    const radios = [...p.matchAll(/<input type="radio" class="handbook-tab-radio handbook-tab-radio-(\d+)" name="([^"]+)" id="([^"]+)"( checked)?>/g)];
    const labels = [...p.matchAll(/<label class="handbook-tab-label handbook-tab-label-(\d+)" for="([^"]+)">([^<]*)<\/label>/g)];
    const panels = [...p.matchAll(/<div class="handbook-tab handbook-tab-(\d+)">\n<p>Body of ([^<]*)\.<\/p>/g)];
    // Radios, then labels, then panels, all children of the pane: the stylesheet's `:checked ~` reaches them.
    assert.ok(p.indexOf('<input') < p.indexOf('<label') && p.lastIndexOf('<label') < p.indexOf('<div class="handbook-tab '));
    assert.deepEqual(labels.map((l) => l[2]), radios.map((r) => r[3]), 'a label is not for its radio button');
    assert.equal(new Set(radios.map((r) => r[2])).size, 1, 'one radio group per pane');
    assert.deepEqual(radios.map((r) => Boolean(r[4])), radios.map((_, i) => i === 0), 'the first tab is not the one shown');
    assert.deepEqual(panels.map((x) => x[1]), radios.map((r) => r[1]), 'a panel is not numbered as its tab');
    return { name: radios[0]![2], labels: labels.map((l) => l[3]), bodies: panels.map((x) => x[2]) };
  });
  assert.deepEqual(groups.map((g) => g.labels), [['Local &amp; dev', 'Review app', 'CI'], ['Other']]);
  assert.deepEqual(groups.map((g) => g.bodies), [['Local &amp; dev', 'Review app', 'CI'], ['Other']]);
  assert.notEqual(groups[0]!.name, groups[1]!.name, 'two panes share a radio group');
  // A tab outside a pane is drawn under its header.
  assert.match(html, /<div class="handbook-tab"><div class="handbook-tab-header">Stray<\/div>\n<p>Alone.<\/p>/);

  // The stylesheet shows the checked tab's panel and hides the others, for every position drawn as a tab.
  const css = (await import('node:fs')).readFileSync(path.resolve(__dirname, '..', '..', 'media', 'preview.css'), 'utf8');
  assert.match(css, /\.handbook-tab-radio ~ \.handbook-tab \{ display: none;/);
  const shown = /((?:\.handbook-tab-radio-\d+:checked ~ \.handbook-tab-\d+,?\s*)+)\{\s*display: block;/.exec(css);
  assert.ok(shown, 'no rule shows the checked tab');
  const pairs = [...shown[1]!.matchAll(/\.handbook-tab-radio-(\d+):checked ~ \.handbook-tab-(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.deepEqual(pairs, Array.from({ length: MAX_TABS }, (_, i) => [i + 1, i + 1]));
  // More tabs than that: every tab shows, under its header.
  const many = render(pane(Array.from({ length: MAX_TABS + 1 }, (_, i) => `T${i}`)).join('\n'));
  assert.ok(!many.includes('<input'), 'a pane with more tabs than the stylesheet has rules for hides some');
  assert.equal((many.match(/class="handbook-tab-header"/g) ?? []).length, MAX_TABS + 1);
});
