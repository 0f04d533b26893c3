// Discovery of a site's own shortcode templates on in-memory layouts, and the merged catalogue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFileSystem } from '../support/memoryFs';
import { parseFixture } from '../support/fixture';
import { scanShortcodes } from '../../server/src/parse/shortcodes';
import { checkShortcodes, discoverShortcodes, parseShortcodeTemplate, shortcodeCatalogue, shortcodeNameOf } from '../../server/src/shortcodes';

const LAYOUTS = `//- /site/layouts/_shortcodes/engineering/stable-counterparts.html
{{/* Lists the stable counterparts of a team:
   people whose role matches, grouped by manager.

   Second paragraph, not part of the description. */}}
{{ $role := .Get "role" }}{{ with $.Get "manager-role" }}{{ . }}{{ end }}
{{ $x := .Parent.Get "ignored" }}{{ .Scratch.Get "ignored-too" }}{{ .Page.Params.ignored }}
//- /site/layouts/_shortcodes/tech-stack.md
<!-- One row of the tech stack, by tool name. -->
{{ $name := .Get 0 }}
//- /site/layouts/_shortcodes/panelish.html
{{- /* A box. */ -}}
<div class="{{ .Get "class" | default "box" }}">{{ .Inner }}</div>
{{/* .Get "in-a-comment" is not a parameter */}}
//- /site/layouts/_shortcodes/data-table.html
{{ range $k, $v := .Params }}{{ $k }}={{ $v }}{{ end }}{{ if isset .Params "caption" }}{{ index .Params 1 }}{{ end }}
//- /site/layouts/_shortcodes/member-by-name.html
{{/* Stub: the real template is not shipped. Parameters it reads: 0 */}}
//- /site/layouts/_shortcodes/team-by-departments.html
{{/* Stub: the real template is not shipped. Parameters it reads: "department" "departments" "manager-role" 0 */}}
//- /site/layouts/_shortcodes/youtube.html
{{/* The site's own YouTube embed. */}}{{ .Get "id" }}
//- /site/layouts/_shortcodes/.editorconfig
root = true
//- /site/layouts/shortcodes/old-style.html
{{ .Get "legacy" }}
//- /site/layouts/shortcodes/tech-stack.html
{{/* The old-style folder loses to _shortcodes. */}}
//- /theme/layouts/shortcodes/alert.html
{{ .Get "color" }}{{ .Get "title" }}{{ .Get "icon" }}{{ .Inner }}
//- /theme/layouts/shortcodes/old-style.html
{{/* The theme's, which the project's overrides. */}}
//- /theme/layouts/shortcodes/multi.html
{{ .Get "a" }}
//- /theme/layouts/shortcodes/multi.amp.html
{{ .Get "b" }}{{ .InnerDeindent }}
`;

const fs = () => new MemoryFileSystem(parseFixture(LAYOUTS).files);

test('names come from paths without extension, folders included; dot files are not templates', () => {
  const found = discoverShortcodes(fs(), ['/site/layouts', '/theme/layouts']);
  assert.deepEqual([...found.keys()].sort(), [
    'alert', 'data-table', 'engineering/stable-counterparts', 'member-by-name', 'multi', 'old-style', 'panelish', 'team-by-departments', 'tech-stack', 'youtube',
  ]);
  assert.equal(shortcodeNameOf('engineering/create/career-development.md'), 'engineering/create/career-development');
  assert.equal(shortcodeNameOf('alert.amp.html'), 'alert');
  assert.equal(shortcodeNameOf('.editorconfig'), undefined);
});

test('parameters from .Get "name" and .Get N, not from .Parent.Get, .Scratch.Get, .Page.Params or comments', () => {
  const found = discoverShortcodes(fs(), ['/site/layouts']);
  const sc = found.get('engineering/stable-counterparts')!;
  assert.equal(sc.source, 'site');
  assert.deepEqual(sc.named.map((p) => p.name), ['role', 'manager-role']);
  assert.equal(sc.paired, 'never');
  assert.equal(sc.description, 'Lists the stable counterparts of a team: people whose role matches, grouped by manager.');
  assert.deepEqual(sc.files, ['/site/layouts/_shortcodes/engineering/stable-counterparts.html']);
  const panel = found.get('panelish')!;
  assert.deepEqual(panel.named.map((p) => p.name), ['class']);
  assert.equal(panel.paired, 'always');
  assert.equal(panel.description, 'A box.');
  const table = found.get('data-table')!;
  assert.equal(table.acceptsAnyNamed, true);
  assert.deepEqual(table.named.map((p) => p.name), ['caption']);
  assert.deepEqual(table.positional.map((p) => p.name), ['0', '1']);
});

test('a .md template is markdownOnly, described by its HTML comment; _shortcodes wins over shortcodes', () => {
  const ts = discoverShortcodes(fs(), ['/site/layouts']).get('tech-stack')!;
  assert.equal(ts.markdownOnly, true);
  assert.equal(ts.description, 'One row of the tech stack, by tool name.');
  assert.deepEqual(ts.positional.map((p) => p.name), ['0']);
  assert.deepEqual(ts.files, ['/site/layouts/_shortcodes/tech-stack.md']);
});

test('the corpus’s one-line stubs give their parameters and leave the pairing open', () => {
  const found = discoverShortcodes(fs(), ['/site/layouts']);
  const team = found.get('team-by-departments')!;
  assert.equal(team.stub, true);
  assert.equal(team.description, '');
  assert.deepEqual(team.named.map((p) => p.name), ['department', 'departments', 'manager-role']);
  assert.deepEqual(team.positional.map((p) => p.name), ['0']);
  assert.equal(team.paired, 'optional');
  assert.deepEqual(parseShortcodeTemplate('{{/* Stub: the real template is not shipped. Parameters it reads: */}}\n'), {
    named: [], positional: [], readsInner: false, readsAllParams: false, description: '', stub: true,
  });
});

test('the first layouts folder wins; output-format variants merge', () => {
  const found = discoverShortcodes(fs(), ['/site/layouts', '/theme/layouts']);
  assert.deepEqual(found.get('old-style')!.named.map((p) => p.name), ['legacy']);
  const multi = found.get('multi')!;
  assert.deepEqual(multi.named.map((p) => p.name), ['a', 'b']);
  assert.equal(multi.paired, 'always');
  assert.deepEqual(multi.files, ['/theme/layouts/shortcodes/multi.html', '/theme/layouts/shortcodes/multi.amp.html']);
  // A shortcodes folder may be passed directly.
  assert.ok(discoverShortcodes(fs(), ['/theme/layouts/shortcodes']).has('multi'));
});

test('site templates override built-ins of the same name; built-ins fill the rest', () => {
  const cat = shortcodeCatalogue(fs(), ['/site/layouts', '/theme/layouts']);
  const yt = cat.get('youtube')!;
  assert.equal(yt.source, 'site');
  assert.equal(yt.overrides, 'hugo');
  assert.equal(yt.description, "The site's own YouTube embed.");
  assert.deepEqual(yt.named.map((p) => p.name), ['id']);
  const alert = cat.get('alert')!;
  assert.equal(alert.overrides, 'docsy');
  assert.deepEqual(alert.named.map((p) => p.name), ['color', 'title', 'icon']);
  assert.equal(cat.get('details')!.source, 'hugo');
  assert.equal(cat.get('include')!.source, 'docsy-gitlab');
  // Only the built-in sets asked for.
  assert.equal(shortcodeCatalogue(fs(), ['/site/layouts'], { builtins: ['hugo'] }).has('include'), false);
});

test('discovery reads each template once, and only under the shortcodes folders', () => {
  const memory = fs();
  memory.write('/site/layouts/_partials/huge.html', '{{ .Get "nope" }}');
  const cat = shortcodeCatalogue(memory, ['/site/layouts']);
  assert.equal(cat.has('huge'), false);
  const reads = memory.reads.filter((r) => r.endsWith('.html') || r.endsWith('.md'));
  assert.equal(new Set(reads).size, reads.length);
  assert.ok(reads.every((r) => r.includes('/_shortcodes/') || r.includes('/shortcodes/')));
});

test('missing folders, unreadable files and odd templates give an empty or partial answer, never a throw', () => {
  assert.equal(discoverShortcodes(new MemoryFileSystem(), ['/nowhere', '']).size, 0);
  // Even a file system that breaks its contract and throws.
  const broken = fs();
  broken.readFile = () => {
    throw new Error('disk on fire');
  };
  const partial = discoverShortcodes(broken, ['/site/layouts']);
  assert.equal(partial.get('tech-stack')?.paired, 'optional');
  broken.readDirectory = () => {
    throw new Error('disk on fire');
  };
  assert.equal(discoverShortcodes(broken, ['/site/layouts']).size, 0);
  for (const text of ['', '{{', '{{/*', '<!--', '{{ .Get', '{{ .Get "x', '{{ "}}" }}{{ .Get "after" }}', '\uFEFF{{/* d */}}']) {
    assert.doesNotThrow(() => parseShortcodeTemplate(text));
  }
  assert.deepEqual(parseShortcodeTemplate('{{ "}}" }}{{ .Get "after" }}').named, ['after']);
  assert.equal(parseShortcodeTemplate('\uFEFF{{/* d */}}').description, 'd');
});

test('the merged catalogue drives the checks: site names are known, their parameters checked', () => {
  const cat = shortcodeCatalogue(fs(), ['/site/layouts']);
  const text = '{{< engineering/stable-counterparts rol="x" >}}\n{{< tech-stack "Zuora" >}}\n{{< member-by-name "Sid" >}}';
  const got = checkShortcodes(scanShortcodes(text), cat).map((p) => [p.code, text.slice(p.start, p.end)]);
  assert.deepEqual(got, [
    ['shortcode-param-unknown', 'rol'],
    ['shortcode-delimiter', '{{< tech-stack "Zuora" >}}'],
  ]);
});
