import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quickFixes } from '../../server/src/features/codeActions';
import { complete } from '../../server/src/features/completion';
import { hover } from '../../server/src/features/hover';
import { definition } from '../../server/src/features/navigation';
import { documentSymbols } from '../../server/src/features/links';
import { shortcodeFolds, shortcodeSymbols } from '../../server/src/features/shortcodes';
import { checkDiagnostics, fixture } from '../support/fixture';

const SITE = `//- /site/hugo.toml
title = "x"
//- /site/layouts/_shortcodes/tech-stack.md
{{/* The tech stack table of a team. */}}
{{ .Get "team" }}
//- /site/layouts/_shortcodes/engineering/stable-counterparts.html
<!-- Stable counterparts of a group. -->
{{ .Get "role" }} {{ .Get "manager-role" }}
//- /site/layouts/_shortcodes/box.html
<div>{{ .Inner }}</div>
`;
const PAGE = '/site/content/page.md';
const page = (body: string) => `${SITE}//- ${PAGE}\n---\ntitle: Page\n---\n${body}\n`;

test('diagnostics: unknown name, typo in a parameter, unclosed, unopened, delimiter, mixed arguments', async () => {
  const f = await checkDiagnostics(page(`{{< tech-stak team="a" >}}
    ^^^^^^^^^ warning: shortcode-unknown

{{% details sunmmary="Why" %}}x{{% /details %}}
            ^^^^^^^^ warning: shortcode-param-unknown "did you mean "summary""

{{< box >}}
^^^^^^^^^^^ error: shortcode-unclosed

{{< /alert >}}
^^^^^^^^^^^^^^ error: shortcode-unopened

{{< tech-stack team="a" >}}
^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: shortcode-delimiter

{{< youtube "id" title="x" >}}
                 ^^^^^^^^^ error: shortcode-mixed-args

{{</* unknown-but-inert */>}}`));
  const problems = f.of(PAGE);
  assert.deepEqual(quickFixes(f.index, problems[0]!).map((x) => x.title)[0], 'Change to "tech-stack"');
  assert.deepEqual(quickFixes(f.index, problems[1]!).map((x) => x.title), ['Change to "summary"']);
  const delim = quickFixes(f.index, problems[4]!)[0]!;
  let text = f.files[PAGE]!;
  for (const c of [...delim.edit.changes].sort((a, b) => b.start - a.start)) text = text.slice(0, c.start) + c.newText + text.slice(c.end);
  assert.match(text, /\{\{% tech-stack team="a" %\}\}/);
});

test('an unclosed paired shortcode is an error at the opening tag, with a fix that closes it', async () => {
  // Docsy's alert reads .Inner (the catalogue says so), as the site's box template does.
  for (const call of ['{{% alert title="Note" %}}', '{{< box >}}']) {
    const f = await checkDiagnostics(page(`${call}\n${'^'.repeat(call.length)} error: shortcode-unclosed\nText.`));
    const [p] = f.of(PAGE);
    assert.equal(quickFixes(f.index, p!)[0]!.title, call.startsWith('{{%') ? 'Add {{% /alert %}}' : 'Add {{< /box >}}');
  }
});

test('completion: every shortcode after {{% with the closing delimiter, site templates first', async () => {
  const f = await fixture(page('{{% $0'));
  const items = complete(f.index, f.cursor!.file, f.cursor!.offset).items;
  const labels = items.map((i) => i.label);
  for (const name of ['tech-stack', 'engineering/stable-counterparts', 'box', 'details', 'alert', 'include', 'youtube', 'panel']) assert.ok(labels.includes(name), name);
  assert.deepEqual(labels.slice(0, 3), ['box', 'engineering/stable-counterparts', 'tech-stack']);
  const details = items.find((i) => i.label === 'details')!;
  assert.equal(details.snippet, true);
  assert.match(details.newText, /^details .*%\}\}\n\$0\n\{\{% \/details %\}\}$/s);
  assert.match(details.documentation!, /Hugo built-in/);
});

test('completion: named parameters inside a call, and the closing tag of the innermost open shortcode', async () => {
  const f = await fixture(page('{{< engineering/stable-counterparts role="x" $0 >}}'));
  assert.deepEqual(complete(f.index, f.cursor!.file, f.cursor!.offset).items.map((i) => [i.label, i.newText]), [['manager-role', 'manager-role="$1"']]);
  const g = await fixture(page('{{< box >}}\n{{% details summary="x" %}}\nbody\n{{% /$0'));
  assert.deepEqual(complete(g.index, g.cursor!.file, g.cursor!.offset).items.map((i) => [i.label, i.newText]), [['details', 'details %}}']]);
});

test('hover on a name says what it is and where it is defined; definition opens a site template', async () => {
  const f = await fixture(page('{{< engineering/stable-count$0erparts role="x" >}} {{< youtube "id" >}}'));
  const h = hover(f.index, f.cursor!.file, f.cursor!.offset)!;
  assert.match(h.contents, /^\*\*engineering\/stable-counterparts\*\* — `layouts\/_shortcodes\/engineering\/stable-counterparts\.html`/);
  assert.match(h.contents, /Stable counterparts of a group\./);
  assert.match(h.contents, /`role`/);
  assert.deepEqual(definition(f.index, f.cursor!.file, f.cursor!.offset).map((l) => l.file), ['/site/layouts/_shortcodes/engineering/stable-counterparts.html']);
  const y = hover(f.index, PAGE, f.files[PAGE]!.indexOf('youtube') + 2)!;
  assert.match(y.contents, /^\*\*youtube\*\* — Hugo built-in/);
});

test('folding ranges for paired shortcodes; titled ones in the outline under their heading', async () => {
  const f = await fixture(page('## Section\n\n{{% details summary="More about it" %}}\nbody\n{{% /details %}}\n\n{{< alert title="Careful" >}}\nx\n{{< /alert >}}'));
  assert.equal(shortcodeFolds(f.index, PAGE).length, 2);
  assert.deepEqual(shortcodeSymbols(f.index, PAGE).map((s) => [s.name, s.detail]), [['More about it', 'details'], ['Careful', 'alert']]);
  const outline = documentSymbols(f.index, PAGE, shortcodeSymbols(f.index, PAGE));
  assert.deepEqual(outline.map((s) => [s.name, s.children.map((c) => c.name)]), [['Section', ['More about it', 'Careful']]]);
});

test('a template added on disk is known after the watched-file event', async () => {
  const f = await checkDiagnostics(page('{{< newcode >}}\n    ^^^^^^^ warning: shortcode-unknown'));
  f.fs.write('/site/layouts/_shortcodes/newcode.html', '<b>new</b>');
  f.index.fileChanged('/site/layouts/_shortcodes/newcode.html', 'created');
  await checkDiagnostics({ ...f, expected: [] });
});

test('front matter: key completion and a missing title', async () => {
  const f = await fixture(`${SITE}//- ${PAGE}\n---\ntitle: x\nde$0\n---\n`);
  const items = complete(f.index, f.cursor!.file, f.cursor!.offset).items;
  assert.ok(items.some((i) => i.label === 'description' && i.newText === 'description: "$1"'));
  assert.ok(!items.some((i) => i.label === 'title'));
  await checkDiagnostics(`${SITE}//- ${PAGE}
---
^^^ warning: frontmatter-missing-title
description: x
---
body
`);
});
