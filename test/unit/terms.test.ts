import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quickFixes } from '../../server/src/features/codeActions';
import { complete } from '../../server/src/features/completion';
import { hover } from '../../server/src/features/hover';
import { definition, references } from '../../server/src/features/navigation';
import { termRename, termRenameRange } from '../../server/src/features/terms';
import { checkDiagnostics, fixture, slice } from '../support/fixture';

const TEAM = '/site/content/handbook/engineering/infrastructure/engineering-productivity/_index.md';
const SENIOR = '/site/content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md';
const STAFF = '/site/content/handbook/engineering/careers/matrix/quality/engineering-productivity/staff.md';

const SEED_ERA_TEAM = `---
title: "Engineering Productivity team"
---

## Mission

Improve productivity.

### Areas of Responsibility

* **See it and find it**: Build automated measurements and dashboards to gain insights into productivity.
  * Implement new measurements to provide visibility into improvement opportunities.
  * Collaborate with other Engineering teams to provide visualizations.
* **Do it for internal team**: Increase contributor and developer productivity by making measurement-driven improvements.
* **Dogfood use**: Dogfood GitLab product features to improve developer workflow and provide feedback to product teams.
  * Use new features from related product groups.
* **Engineering support**: Provide support for the GitLab engineering team.
* **Engineering workflow**: Develop automated processes for improving label classification hygiene.
* **Do it for wider community**: Increase efficiency for wider GitLab Community contributions.
* **Dogfood build**: Enhance and add new features to the GitLab product to improve engineer productivity.

## Team members

Everyone.
`;

const LATER_TEAM = `---
title: "Engineering Productivity team"
---

## Our principles

- **See it and find it** — Build automated measurements and dashboards.
- **Do it for any contributor** — Increase contributor and developer productivity.
- **Dogfood use** — Dogfood GitLab product features.
- **Engineering support** — Provide support for the GitLab engineering team.
- **Engineering workflow** — Develop automated processes.
- **Dogfood build** — Enhance and add new features.

## Areas of Responsibility

We own the tools listed below.
`;

const LINK_LINE = 'This table refers to the responsibility terms that are defined on the [team page](';
/**
 * A career page. A row is a term (made into a row) or a whole row; a row that is a diagnostic
 * annotation (carets) goes in as it is, under the row before it. `link` and `header` are annotations
 * under the linking sentence and under the table's header row.
 */
const careerPage = (link: string, rows: string[], notes: { link?: string[]; header?: string[] } = {}) => `---
title: "Senior Backend Engineer, Engineering Productivity"
---

##### Engineering Productivity

${[`${LINK_LINE}${link}).`, ...(notes.link ?? [])].join('\n')}

${['| Responsibility | Description |', ...(notes.header ?? [])].join('\n')}
| --- | --- |
${rows.map((r) => (r.startsWith('|') || /^ *\^/.test(r) ? r : `| ${r} | Does it well |`)).join('\n')}
`;
/** Annotations under the #anchor of the linking sentence's link. */
const underAnchor = (link: string, ...notes: string[]) => notes.map((n) => `${' '.repeat(LINK_LINE.length + link.indexOf('#') + 1)}${'^'.repeat(link.length - link.indexOf('#') - 1)} ${n}`);
/** An annotation under the term of a row made by careerPage. */
const underTerm = (term: string, note: string) => `  ${'^'.repeat(term.length)} ${note}`;

const SEVEN = ['See it and find it', 'Do it for internal team', 'Dogfood use', 'Engineering support', 'Engineering workflow', 'Do it for wider community', 'Dogfood build'];

const site = (team: string, pages: Record<string, string>) =>
  `//- /site/config/_default/config.yaml\ntitle: x\n//- ${TEAM}\n${team}` + Object.entries(pages).map(([f, t]) => `//- ${f}\n${t}`).join('');

const SEED_LINK = '/handbook/engineering/infrastructure/engineering-productivity/index.html#areas-of-responsibility';

test('the seed page\'s table is bound through its link: no problems when every term is defined', async () => {
  await checkDiagnostics(site(SEED_ERA_TEAM, { [SENIOR]: careerPage(SEED_LINK, SEVEN) }));
});

test('hover on "Dogfood use" shows the team page\'s definition with its sub-bullets', async () => {
  const f = await fixture(site(SEED_ERA_TEAM, { [SENIOR]: careerPage(SEED_LINK, SEVEN) }));
  const text = f.files[SENIOR]!;
  const h = hover(f.index, SENIOR, text.indexOf('Dogfood use') + 3)!;
  assert.equal(slice(f, SENIOR, h.start, h.end), 'Dogfood use');
  assert.equal(
    h.contents,
    '**Dogfood use** — Engineering Productivity team › Areas of Responsibility\n\nDogfood GitLab product features to improve developer workflow and provide feedback to product teams.\n* Use new features from related product groups.',
  );
});

test('a misspelled term is a warning with the closest defined term as the fix', async () => {
  const rows = SEVEN.flatMap((t) => (t === 'Dogfood use' ? ['Dogfod use', underTerm('Dogfod use', 'warning: term-unknown')] : [t]));
  const f = await checkDiagnostics(site(SEED_ERA_TEAM, { [SENIOR]: careerPage(SEED_LINK, rows) }));
  const problems = f.of(SENIOR);
  const fixes = quickFixes(f.index, problems[0]!);
  assert.equal(fixes[0]!.title, 'Change to "Dogfood use"');
  assert.equal(fixes[0]!.isPreferred, true);
});

test('a term listed twice, and (when turned on) the terms a table leaves out', async () => {
  const rows = ['See it and find it', 'Dogfood use', 'dogfood use', underTerm('dogfood use', 'warning: term-duplicate')];
  // term-missing is off by default.
  await checkDiagnostics(site(SEED_ERA_TEAM, { [SENIOR]: careerPage(SEED_LINK, rows) }));
  // Turned on, it is on the table's header.
  const missing = '  ^^^^^^^^^^^^^^ information: term-missing "leaves out 5 defined terms: "Do it for internal team", "Engineering support""';
  const on = await checkDiagnostics(site(SEED_ERA_TEAM, { [SENIOR]: careerPage(SEED_LINK, rows, { header: [missing] }) }), { severities: { 'term-missing': 'information' } });
  assert.deepEqual(on.of(SENIOR).map((p) => p.code), ['term-duplicate', 'term-missing']);
});

test('completion in the term column offers the terms not yet used first, with definitions', async () => {
  const f = await fixture(site(SEED_ERA_TEAM, { [SENIOR]: careerPage(SEED_LINK, ['See it and find it', 'Dogfood use', '| $0']) }));
  const items = complete(f.index, f.cursor!.file, f.cursor!.offset).items;
  assert.deepEqual(items.map((i) => i.label), [
    'Do it for internal team',
    'Engineering support',
    'Engineering workflow',
    'Do it for wider community',
    'Dogfood build',
    'See it and find it',
    'Dogfood use',
  ]);
  assert.equal(items[0]!.documentation, 'Increase contributor and developer productivity by making measurement-driven improvements.');
  assert.equal(items[0]!.start, f.cursor!.offset);
});

test('no term completion in the description column or outside tables', async () => {
  const f = await fixture(site(SEED_ERA_TEAM, { [SENIOR]: careerPage(SEED_LINK, ['| Dogfood use | Does $0it |']) }));
  assert.deepEqual(complete(f.index, f.cursor!.file, f.cursor!.offset).items, []);
});

test('go to definition from a use; references from the definition across career pages', async () => {
  const f = await fixture(site(SEED_ERA_TEAM, { [SENIOR]: careerPage(SEED_LINK, SEVEN), [STAFF]: careerPage('/handbook/engineering/infrastructure/engineering-productivity/#areas-of-responsibility', ['Dogfood use']) }));
  const text = f.files[SENIOR]!;
  const [def] = definition(f.index, SENIOR, text.indexOf('| Dogfood use') + 4);
  assert.equal(def!.file, TEAM);
  assert.equal(slice(f, TEAM, def!.start, def!.end), 'Dogfood use');
  const refs = references(f.index, TEAM, def!.start + 1, true);
  assert.deepEqual(refs.map((r) => [r.file, slice(f, r.file, r.start, r.end)]).sort(), [
    [SENIOR, 'Dogfood use'],
    [STAFF, 'Dogfood use'],
    [TEAM, 'Dogfood use'],
  ]);
});

test('renaming "Do it for internal team" on the team page updates every career page in one edit', async () => {
  const f = await fixture(site(SEED_ERA_TEAM, {
    [SENIOR]: careerPage(SEED_LINK, SEVEN),
    [STAFF]: careerPage('../../../../infrastructure/engineering-productivity/', ['| **Do it for internal team** | Leads it |']),
  }));
  const at = f.files[TEAM]!.indexOf('Do it for internal team') + 2;
  assert.deepEqual(termRenameRange(f.index, TEAM, at) && slice(f, TEAM, termRenameRange(f.index, TEAM, at)!.start, termRenameRange(f.index, TEAM, at)!.end), 'Do it for internal team');
  const edit = termRename(f.index, TEAM, at, 'Do it for any contributor')!;
  assert.deepEqual(edit.creates, []);
  const apply = (file: string) => {
    let t = f.files[file]!;
    for (const c of edit.changes.filter((c) => c.file === file).sort((a, b) => b.start - a.start)) t = t.slice(0, c.start) + c.newText + t.slice(c.end);
    return t;
  };
  assert.deepEqual([...new Set(edit.changes.map((c) => c.file))].sort(), [SENIOR, STAFF, TEAM].sort());
  assert.match(apply(TEAM), /\* \*\*Do it for any contributor\*\*: Increase contributor/);
  assert.match(apply(SENIOR), /\| Do it for any contributor \| Does it well \|/);
  assert.match(apply(STAFF), /\| \*\*Do it for any contributor\*\* \| Leads it \|/);
});

test('a later team page: the link\'s section holds no terms, the fallback finds them and says so', async () => {
  const gone = ['Do it for internal team', 'Do it for wider community'];
  const rows = SEVEN.flatMap((t) => (gone.includes(t) ? [t, underTerm(t, 'warning: term-unknown')] : [t]));
  const f = await checkDiagnostics(site(LATER_TEAM, { [SENIOR]: careerPage(SEED_LINK, rows, { link: underAnchor(SEED_LINK, 'warning: term-source-missing') }) }));
  const problems = f.of(SENIOR);
  assert.deepEqual(problems.map((p) => p.code), ['term-unknown', 'term-unknown', 'term-source-missing']);
  assert.match(problems[2]!.message, /The section "#areas-of-responsibility" of Engineering Productivity team defines no terms; they are under "Our principles" \(#our-principles\)\./);
  const renamed = quickFixes(f.index, problems[0]!);
  assert.equal(renamed[0]!.title, 'Change to "Do it for any contributor"');
  const fix = quickFixes(f.index, problems[2]!);
  assert.deepEqual(fix.map((x) => x.title), ['Point the link at #our-principles']);
  assert.equal(fix[0]!.edit.changes[0]!.newText, 'our-principles');
});

test('an anchor that no longer exists at all is reported too', async () => {
  const f = await checkDiagnostics(site(LATER_TEAM.replace('## Areas of Responsibility\n\nWe own the tools listed below.\n', ''), {
    [SENIOR]: careerPage(SEED_LINK, ['Dogfood use'], { link: underAnchor(SEED_LINK, 'warning: term-source-missing', 'warning: anchor-not-found') }),
  }));
  const problems = f.of(SENIOR).filter((p) => p.code.startsWith('term-'));
  assert.match(problems[0]!.message, /has no section "#areas-of-responsibility"; its terms are under "Our principles"/);
});

test('definition tables and sub-heading sections are term sources too', async () => {
  const tableTeam = `---\ntitle: Team\n---\n## Areas of responsibility\n\n| Term | Definition |\n|---|---|\n| Dogfood use | Use the product. |\n| Dogfood build | Build the product. |\n`;
  await checkDiagnostics(site(tableTeam, { [SENIOR]: careerPage(SEED_LINK, ['Dogfood use', 'Dogfood bild', underTerm('Dogfood bild', 'warning: term-unknown')]) }));
  const headingTeam = `---\ntitle: Team\n---\n## Areas of Responsibility\n\n### Dogfood use\n\nUse the product.\n\n### Dogfood build\n\nBuild it.\n`;
  const g = await checkDiagnostics(site(headingTeam, { [SENIOR]: careerPage(SEED_LINK, ['Dogfood use', 'Dogfood build']) }));
  const h = hover(g.index, SENIOR, g.files[SENIOR]!.indexOf('| Dogfood build') + 4)!;
  assert.match(h.contents, /Build it\./);
});

test('an explicit binding serves pages that write no linking sentence', async () => {
  const page = `---
title: x
---
| Responsibility | Description |
|---|---|
| Dogfood use | x |
| Dogfod build | y |
  ^^^^^^^^^^^^ warning: term-unknown
`;
  await checkDiagnostics(site(SEED_ERA_TEAM, { [SENIOR]: page }), {
    options: {
      maxFileSize: 4_000_000,
      termBindings: [{ files: 'content/handbook/engineering/careers/**', source: '/handbook/engineering/infrastructure/engineering-productivity/', section: 'areas-of-responsibility' }],
    },
  });
});

test('bad input: no terms, markdown in bold, empty definitions, ragged and one-column tables, dead links, half-typed rows', async () => {
  const team = `---\ntitle: T\n---\n## Areas of Responsibility\n\n* **\`Code\` _owners_**:\n* **Second term** —\n`;
  const pages = {
    [SENIOR]: careerPage(SEED_LINK, ['| Code owners |', '| Second term | a | b | c |', '|', '| Unknown', underTerm('Unknown', 'warning: term-unknown')]),
    [STAFF]: `---
title: s
---
See [nowhere](/handbook/missing/#x).
              ^^^^^^^^^^^^^^^^^^ warning: link-not-found

| Responsibility |
|---|
| Anything |

See [team](${SEED_LINK}).

| One |
|---|
`,
    '/site/content/no-terms.md': `---\ntitle: n\n---\nSee [page](/handbook/engineering/careers/matrix/quality/engineering-productivity/staff/).\n\n| Responsibility | x |\n|---|---|\n| A | b |\n`,
  };
  const f = await checkDiagnostics(site(team, pages));
  const h = hover(f.index, SENIOR, f.files[SENIOR]!.indexOf('| Code owners') + 4)!;
  assert.match(h.contents, /\*\*`Code` _owners_\*\*/);
});

test('a renamed terms heading: term-source-missing and the anchor fix point at the same section, the one that holds the terms', async () => {
  // The team page's "### Areas of Responsibility" renamed under "## Mission": both sections contain the
  // seven terms, but they are held by the renamed one. Another heading is closer in spelling to the
  // old anchor, so the anchor fix alone would offer it.
  const team = SEED_ERA_TEAM.replace('### Areas of Responsibility', '### What we own').replace('## Team members', '## Areas of research\n\nNone.\n\n## Team members');
  const f = await checkDiagnostics(site(team, { [SENIOR]: careerPage(SEED_LINK, SEVEN, { link: underAnchor(SEED_LINK, 'warning: term-source-missing', 'warning: anchor-not-found') }) }));
  const all = f.of(SENIOR);
  const source = all.find((p) => p.code === 'term-source-missing')!;
  assert.match(source.message, /has no section "#areas-of-responsibility"; its terms are under "What we own" \(#what-we-own\)\./);
  assert.deepEqual(quickFixes(f.index, source).map((x) => x.title), ['Point the link at #what-we-own']);
  const anchor = all.find((p) => p.code === 'anchor-not-found')!;
  assert.equal(slice(f, SENIOR, anchor.start, anchor.end), 'areas-of-responsibility');
  const titles = quickFixes(f.index, anchor).map((x) => x.title);
  assert.equal(titles[0], 'Change to "#what-we-own"', titles.join(', '));
  assert.equal(quickFixes(f.index, anchor)[0]!.isPreferred, true);
});
