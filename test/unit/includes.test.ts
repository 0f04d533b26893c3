import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quickFixes } from '../../server/src/features/codeActions';
import { complete } from '../../server/src/features/completion';
import { hover } from '../../server/src/features/hover';
import { definition, documentLinks, references } from '../../server/src/features/navigation';
import { normalizeIncludePath } from '../../server/src/site/includes';
import { checkDiagnostics, fixture, SEED_SITE, slice } from '../support/fixture';

const SEED = '/site/content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md';
const seedPage = (body: string) => `${SEED_SITE}//- ${SEED}
---
title: "Senior Backend Engineer, Engineering Productivity"
---

${body}
`;

test('the seed page\'s missing include is an error on the path, with ranked fixes and a create fix', async () => {
  const f = await checkDiagnostics(seedPage(`{{% include "includes/engineering-careers/ep-career-nav.md" %}}
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: include-not-found

{{% include "includes/engineering-careers/senior-technical-competency.md" %}}`));
  const p = f.of(SEED)[0]!;
  const fixes = quickFixes(f.index, p);
  assert.deepEqual(fixes.map((x) => x.title), [
    'Change to "includes/engineering-careers/career-matrix-nav.md"',
    'Change to "includes/marketing/cs_career_matrix_nav.md"',
    'Create "assets/includes/engineering-careers/ep-career-nav.md"',
  ]);
  assert.deepEqual(fixes[0]!.edit.changes, [{ file: SEED, start: p.start, end: p.end, newText: 'includes/engineering-careers/career-matrix-nav.md' }]);
  assert.deepEqual(fixes[2]!.edit, { creates: [{ file: '/site/assets/includes/engineering-careers/ep-career-nav.md' }], changes: [] });
});

test('a typo is fixed by the closest path first, at most three', async () => {
  const f = await checkDiagnostics(seedPage(`{{% include "includes/engineering-careers/senoir-technical-competency.md" %}}
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: include-not-found`));
  const [p] = f.of(SEED);
  const titles = quickFixes(f.index, p!).map((x) => x.title);
  assert.equal(titles[0], 'Change to "includes/engineering-careers/senior-technical-competency.md"');
  assert.ok(titles.filter((t) => t.startsWith('Change')).length <= 3);
});

test('includes inside code fences are real (Hugo runs them); escaped ones are inert', async () => {
  await checkDiagnostics(seedPage(`\`\`\`md
{{% include "includes/missing-in-fence.md" %}}
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: include-not-found
\`\`\`

{{%/* include "includes/missing-but-escaped.md" */%}}`));
});

test('paths that leave the include folders are refused and never read', async () => {
  const f = await checkDiagnostics(`${seedPage(String.raw`{{% include "../../etc/passwd" %}}
             ^^^^^^^^^^^^^^^^ error: include-outside-site
{{% include "~/secrets.md" %}}
             ^^^^^^^^^^^^ error: include-outside-site
{{% include "includes\\x.md" %}}
             ^^^^^^^^^^^^^^ error: include-outside-site
{{% include "/includes/engineering-careers/values-competency.md" %}}`)}//- /etc/passwd
root:x:0:0
`);
  assert.equal(f.files[SEED]!.includes('"includes\\\\x.md"'), true);
  assert.ok(!f.fs.reads.includes('/etc/passwd'));
  assert.ok(!f.fs.reads.some((r) => r.startsWith('/etc')));
});

test('a symbolic link out of the site is refused', async () => {
  const f = await fixture(seedPage(`{{% include "includes/leak.md" %}}
             ^^^^^^^^^^^^^^^^ error: include-outside-site`) + '//- /outside/secret.md\nsecret\n');
  f.fs.symlink('/site/assets/includes/leak.md', '/outside/secret.md');
  const problems = (await checkDiagnostics(f)).of(SEED);
  // No hover beside the diagnostic, and nothing of the file it leads to.
  assert.equal(hover(f.index, SEED, problems[0]!.start + 2)?.contents.includes('secret') ?? false, false);
});

test('empty include paths', async () => {
  await checkDiagnostics(seedPage(`{{% include %}}
^^^^^^^^^^^^^^^ error: include-empty-path
{{% include "" %}}
^^^^^^^^^^^^^^^^^^ error: include-empty-path
{{% include "  " %}}
^^^^^^^^^^^^^^^^^^^^ error: include-empty-path`));
});

test('an include cycle is an error with the chain in related information', async () => {
  // The page itself only includes the cycle; it is not part of it.
  const f = await checkDiagnostics(`${SEED_SITE}//- /site/assets/includes/a.md
{{% include "includes/b.md" %}}
             ^^^^^^^^^^^^^ error: include-cycle
//- /site/assets/includes/b.md
{{% include "includes/a.md" %}}
             ^^^^^^^^^^^^^ error: include-cycle
//- /site/content/page.md
{{% include "includes/a.md" %}}
^0 warning: frontmatter-missing-title
`);
  const problems = f.of('/site/assets/includes/a.md');
  assert.match(problems[0]!.message, /assets\/includes\/a\.md -> assets\/includes\/b\.md -> assets\/includes\/a\.md/);
  assert.deepEqual(problems[0]!.related!.map((r) => r.file), ['/site/assets/includes/a.md', '/site/assets/includes/b.md']);
  await checkDiagnostics(`${SEED_SITE}//- /site/assets/includes/self.md
{{% include "includes/self.md" %}}
             ^^^^^^^^^^^^^^^^ error: include-cycle
`);
});

test('completion lists include folders, then files, folder by folder, with previews', async () => {
  const f = await fixture(seedPage('{{% include "$0" %}}'));
  const top = complete(f.index, f.cursor!.file, f.cursor!.offset);
  assert.deepEqual(top.items.map((i) => [i.label, i.kind]), [['includes', 'folder']]);
  assert.equal(top.items[0]!.newText, 'includes/');

  const g = await fixture(seedPage('{{% include "includes/engineering-careers/sen$0" %}}'));
  const items = complete(g.index, g.cursor!.file, g.cursor!.offset).items;
  assert.deepEqual(items.map((i) => i.label), [
    'career-matrix-nav.md',
    'senior-leadership-competency.md',
    'senior-technical-competency.md',
    'values-competency.md',
  ]);
  const tech = items.find((i) => i.label === 'senior-technical-competency.md')!;
  assert.match(tech.documentation!, /Solves complex problems/);
  assert.match(tech.documentation!, /assets\/includes\/engineering-careers\/senior-technical-competency\.md/);
  // The edit replaces the typed part of the last segment only.
  assert.equal(slice(g, g.cursor!.file, tech.start, tech.end), 'sen');
});

test('completion works in a half-typed call with no closing quote', async () => {
  const f = await fixture(seedPage('{{% include "includes/mark$0'));
  const items = complete(f.index, f.cursor!.file, f.cursor!.offset).items;
  assert.deepEqual(items.map((i) => i.label), ['engineering-careers', 'marketing']);
  assert.equal(slice(f, f.cursor!.file, items[1]!.start, items[1]!.end), 'mark');
  const g = await fixture(seedPage('{{% include "includes/marketing/$0'));
  assert.deepEqual(complete(g.index, g.cursor!.file, g.cursor!.offset).items.map((i) => i.label), ['cs_career_matrix_nav.md']);
});

test('no completion outside include paths, nor for paths that climb out', async () => {
  const f = await fixture(seedPage('Some text $0 {{% include "includes/a.md" %}}'));
  assert.equal(complete(f.index, f.cursor!.file, f.cursor!.offset).items.length, 0);
  const g = await fixture(seedPage('{{% include "../../$0" %}}'));
  assert.equal(complete(g.index, g.cursor!.file, g.cursor!.offset).items.length, 0);
});

test('hover shows the include\'s first lines, where it lives and how many pages include it', async () => {
  const f = await fixture(seedPage('{{% include "includes/engineering-careers/senior-tech$0nical-competency.md" %}}') + `//- /site/content/other.md
{{% include "includes/engineering-careers/senior-technical-competency.md" %}}
`);
  const h = hover(f.index, f.cursor!.file, f.cursor!.offset)!;
  assert.match(h.contents, /`assets\/includes\/engineering-careers\/senior-technical-competency\.md` · included by 2 pages/);
  assert.match(h.contents, /#### Senior Technical Competencies\n\n- Solves complex problems\./);
  assert.equal(slice(f, f.cursor!.file, h.start, h.end), 'includes/engineering-careers/senior-technical-competency.md');
});

test('an include file\'s leading --- is text, not front matter', async () => {
  // No front matter error: the leading --- is a thematic break (its links are checked like any other:
  // SEED_SITE annotates the link-not-found under it).
  const f = await checkDiagnostics(seedPage('{{% include "includes/engineering-careers/career-matrix-nav.md$0" %}}'));
  assert.deepEqual(f.of('/site/assets/includes/engineering-careers/career-matrix-nav.md').map((p) => p.code), ['link-not-found']);
  assert.match(hover(f.index, f.cursor!.file, f.cursor!.offset)!.contents, /---\n\n\[Engineering\]/);
});

test('definition, document links and references connect pages and include files', async () => {
  const f = await fixture(seedPage('{{% include "includes/engineering-careers/values-$0competency.md" %}}') + `//- /site/content/other.md
x {{% include "includes/engineering-careers/values-competency.md" %}}
`);
  const target = '/site/assets/includes/engineering-careers/values-competency.md';
  assert.deepEqual(definition(f.index, f.cursor!.file, f.cursor!.offset), [{ file: target, start: 0, end: 0 }]);
  const links = documentLinks(f.index, SEED);
  assert.deepEqual(links.map((l) => l.target), [target]);
  const fromPath = references(f.index, f.cursor!.file, f.cursor!.offset, false);
  assert.deepEqual(fromPath.map((l) => l.file).sort(), [SEED, '/site/content/other.md'].sort());
  const fromFile = references(f.index, target, 0, false);
  assert.deepEqual(fromFile.map((l) => [l.file, slice(f, l.file, l.start, l.end)]).sort(), [
    [SEED, 'includes/engineering-careers/values-competency.md'],
    ['/site/content/other.md', 'includes/engineering-careers/values-competency.md'],
  ].sort());
});

test('include paths normalise like Hugo\'s and refuse what would escape', () => {
  assert.deepEqual(normalizeIncludePath('includes/./a/../b.md'), { rel: 'includes/b.md' });
  assert.deepEqual(normalizeIncludePath('/includes/b.md'), { rel: 'includes/b.md' });
  assert.ok('reason' in normalizeIncludePath('includes/../../x'));
  assert.ok('reason' in normalizeIncludePath('C:/x.md'));
  assert.ok('reason' in normalizeIncludePath('a\0b'));
  assert.ok('reason' in normalizeIncludePath('https://example.com/x.md'));
  // A URL-encoded dot is a literal file name to Hugo: harmless, it stays inside.
  assert.deepEqual(normalizeIncludePath('%2e%2e/x.md'), { rel: '%2e%2e/x.md' });
  assert.ok('empty' in normalizeIncludePath('  '));
});

test('module mounts and extra include roots are include folders too', async () => {
  await checkDiagnostics(`//- /site/hugo.yaml
module:
  mounts:
    - source: shared/snippets
      target: assets/includes/shared
    - source: assets
      target: assets
//- /site/shared/snippets/note.md
A shared note.
//- /site/theme-includes/includes/theme.md
From the theme.
//- /site/content/page.md
{{% include "includes/shared/note.md" %}}
^0 warning: frontmatter-missing-title
{{% include "includes/theme.md" %}}
`, { options: { maxFileSize: 4_000_000, extraIncludeRoots: ['theme-includes'] } });
});

test('no Create fix over an existing folder of the same name', async () => {
  const f = await checkDiagnostics(seedPage(`{{% include "includes/engineering-careers" %}}
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: include-not-found`));
  const [p] = f.of(SEED);
  assert.ok(p);
  assert.ok(!quickFixes(f.index, p).some((x) => x.title.startsWith('Create')));
});

test('completion and fixes offer nothing that a symbolic link takes out of the include folders', async () => {
  const withLinks = async (body: string) => {
    const f = await fixture(seedPage(body) + '//- /site/content/elsewhere/x.md\nx\n^0 warning: frontmatter-missing-title\n');
    f.fs.symlink('/site/assets/includes/out', '/site/content/elsewhere');
    f.fs.symlink('/site/assets/includes/out.md', '/site/content/elsewhere/x.md');
    f.fs.symlink('/site/assets/includes/inside.md', '/site/assets/includes/engineering-careers/values-competency.md');
    return f;
  };
  const f = await withLinks('{{% include "includes/$0" %}}');
  const labels = complete(f.index, f.cursor!.file, f.cursor!.offset).items.map((i) => i.label);
  assert.ok(labels.includes('inside.md'), 'a link that stays inside is offered');
  assert.ok(!labels.includes('out') && !labels.includes('out.md'), labels.join(', '));
  const g = await withLinks('{{% include "includes/out/$0" %}}');
  assert.deepEqual(complete(g.index, g.cursor!.file, g.cursor!.offset).items, []);
  // "Did you mean" for a missing include looks among the same files.
  const h = await withLinks(`{{% include "includes/out/y.md" %}}
             ^^^^^^^^^^^^^^^^^ error: include-not-found`);
  const [missing] = (await checkDiagnostics(h)).of(SEED);
  assert.ok(missing);
  assert.ok(!quickFixes(h.index, missing).some((x) => x.title.includes('includes/out')), quickFixes(h.index, missing).map((x) => x.title).join('; '));
});
