// The built-in catalogue against the facts extracted from the themes' own templates (committed per
// theme version in server/src/shortcodes/themes/), and the extractor against template snippets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import catalogue from '../../server/src/shortcodes/catalogue.json';
import { builtinShortcodes, builtinShortcodesFrom } from '../../server/src/shortcodes/catalogue';
import { discoverShortcodes } from '../../server/src/shortcodes/discovery';
import { applyThemeFacts, disagreements, templateFact, type CatalogueEntry, type ThemeFacts } from '../../server/src/shortcodes/themeFacts';
import { checkShortcodes } from '../../server/src/shortcodes/checks';
import { scanShortcodes } from '../../server/src/parse/shortcodes';
import { MemoryFileSystem } from '../support/memoryFs';

const THEMES = path.resolve(__dirname, '../../server/src/shortcodes/themes');
const facts = fs.readdirSync(THEMES).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(fs.readFileSync(path.join(THEMES, f), 'utf8')) as ThemeFacts);
const entries = (catalogue as { shortcodes: CatalogueEntry[] }).shortcodes;

test('the catalogue matches the templates of every theme version it was made from', () => {
  assert.ok(facts.some((f) => f.source === 'docsy' && f.version === 'v0.12.0'), 'Docsy v0.12.0 facts are committed');
  for (const f of facts) assert.deepEqual(disagreements(entries, f), [], `${f.source} ${f.version}`);
  const from = (catalogue as { generatedFrom?: Record<string, string> }).generatedFrom ?? {};
  for (const f of facts) assert.equal(from[f.source], `${f.module} ${f.version}`);
});

test('Docsy v0.12.0: tabpane reads persist as well as persistLang, so persist= is not flagged', () => {
  const tabpane = builtinShortcodes().get('tabpane')!;
  assert.ok(tabpane.named.some((p) => p.name === 'persist'));
  assert.ok(tabpane.named.some((p) => p.name === 'persistLang'));
  const text = '{{< tabpane persist="lang" >}}{{< tab header="A" >}}a{{< /tab >}}{{< /tabpane >}} {{< tabpane persits="lang" >}}{{< /tabpane >}}';
  const problems = checkShortcodes(scanShortcodes(text), builtinShortcodes()).filter((p) => p.code === 'shortcode-param-unknown');
  assert.deepEqual(problems.map((p) => text.slice(p.start, p.end)), ['persits']);
  // Docsy's comment template replaces Hugo's (which Hugo has dropped); a site without Docsy keeps Hugo's.
  assert.equal(builtinShortcodes().get('comment')!.source, 'docsy');
  assert.equal(builtinShortcodesFrom(['hugo']).get('comment')!.source, 'hugo');
});

test('a template and the catalogue that disagree are each named', () => {
  const theme: ThemeFacts = {
    source: 'docsy',
    module: 'example.com/theme',
    version: 'v1.0.0',
    shortcodes: {
      alert: { named: ['color', 'title'], positional: 0, paired: 'always' },
      fresh: { named: [], positional: 1, paired: 'never' },
    },
  };
  const mine: CatalogueEntry[] = [
    { name: 'alert', source: 'docsy', paired: 'never', named: [{ name: 'color' }, { name: 'colour' }] },
    { name: 'gone', source: 'docsy', paired: 'never' },
    { name: 'other', source: 'hugo', paired: 'never' },
  ];
  assert.deepEqual(disagreements(mine, theme), [
    'alert: reads "title", which the catalogue lacks',
    'alert: the catalogue has "colour", which the template of docsy v1.0.0 never reads',
    'alert: paired is "always" in the template; the catalogue says "never"',
    'fresh: a template of docsy v1.0.0 that the catalogue lacks',
    'gone: in the catalogue as docsy\'s, but docsy v1.0.0 has no such template',
  ]);
  const fixed = applyThemeFacts(mine, theme);
  assert.deepEqual(disagreements(fixed, theme), []);
  assert.deepEqual(fixed.map((e) => e.name), ['alert', 'fresh', 'other']);
  // A parameter that stays keeps its hand-written description.
  const described = applyThemeFacts([{ name: 'alert', source: 'docsy', named: [{ name: 'color', description: 'The colour.' }] }], theme);
  assert.deepEqual(described[0]!.named, [{ name: 'color', description: 'The colour.' }, { name: 'title', description: '' }]);
});

test('the extractor reads what a template reads: .Get by name and position, .Inner, .Params, variants', () => {
  const fsys = new MemoryFileSystem({
    '/theme/layouts/_shortcodes/tabs.html': [
      '{{/* Tabs. */}}',
      '{{ $_persist := .Get "persist" -}}',
      '{{ with $.Get "right" }}{{ end }}',
      '{{ $x := default "" ($.Get `raw`) }}',
      '{{ .Scratch.Get "tabs" }}{{ .Parent.Get "outer" }}{{ $.Page.Params.color }}',
      '{{/* .Get "commented" */}}',
      '{{ .Inner }}',
    ].join('\n'),
    '/theme/layouts/_shortcodes/pos.html': '{{ .Get 0 }} {{ .Get 2 }}',
    '/theme/layouts/_shortcodes/any.html': '{{ range $k, $v := .Params }}{{ $k }}{{ end }}',
    '/theme/layouts/_shortcodes/md.md': '{{ .Get "x" }}',
    '/theme/layouts/_shortcodes/blocks/v.html': '{{ .Get "a" }}',
    '/theme/layouts/_shortcodes/blocks/v.amp.html': '{{ .Get "b" }}',
  });
  const found = discoverShortcodes(fsys, ['/theme/layouts']);
  const fact = (n: string) => templateFact(found.get(n)!);
  assert.deepEqual(fact('tabs'), { named: ['persist', 'raw', 'right'], positional: 0, paired: 'always' });
  assert.deepEqual(fact('pos'), { named: [], positional: 3, paired: 'never' });
  assert.deepEqual(fact('any'), { named: [], positional: 0, paired: 'never', acceptsAnyNamed: true });
  assert.deepEqual(fact('md'), { named: ['x'], positional: 0, paired: 'never', markdownOnly: true });
  assert.deepEqual(fact('blocks/v'), { named: ['a', 'b'], positional: 0, paired: 'never' });
});
