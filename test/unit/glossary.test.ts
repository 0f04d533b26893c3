import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../server/src/features/diagnostics';
import { quickFixes } from '../../server/src/features/codeActions';
import { hover } from '../../server/src/features/hover';
import { applySeverities } from '../../server/src/settings';
import { fixture, slice } from '../support/fixture';

const DATA = `//- /site/config/_default/config.yaml
title: x
//- /site/data/misused_terms.yml
- avoid:
  - GitLabber
  use_instead:
  - GitLab team member
  reason: \\"GitLabber" includes both the GitLab community and people who work at GitLab.
  exclude_from_exports: false
- avoid:
  - Resources
  use_instead:
  - People
  reason: We are more than just our output.
- avoid:
  - rule of thumb
  use_instead:
  - guideline
  - general rule
  reason: Has a violent origin.
- avoid:
  - They
  use_instead:
  - The Product team (example)
  reason: One team.
  exclude_from_exports: true
- avoid:
  - Enterprise Edition to reference a specific code or "Paid" users
  use_instead:
  - Free or Paid users
  reason: Precision.
//- /site/data/support_glossary.yml
# comments
- acronym: FRT
  term: First Response Time
  info: |
    Support have a first response time SLA.
- acronym: MWPS
  term:
   - Merge when pipeline succeeds
  info: Merge trains.
`;
const PAGE = '/site/content/page.md';
const page = (body: string) => `${DATA}//- ${PAGE}\n---\ntitle: "A GitLabber page"\n---\n${body}\n`;
const visible = (f: { index: Parameters<typeof diagnose>[0] }, file: string) => applySeverities(diagnose(f.index, file), {}).filter((p) => p.code.startsWith('term-'));

test('avoided words are flagged in prose, whole words, with the reason and one fix per replacement', async () => {
  const f = await fixture(page('Every GitLabber and all GitLabbers, as a Rule of thumb, but not gitlabberish.'));
  const problems = visible(f, PAGE);
  assert.deepEqual(problems.map((p) => [p.code, slice(f, PAGE, p.start, p.end)]), [
    ['term-misused', 'GitLabber'],
    ['term-misused', 'GitLabbers'],
    ['term-misused', 'Rule of thumb'],
  ]);
  assert.equal(problems[0]!.message, 'Avoid "GitLabber". Use "GitLab team member" instead. "GitLabber" includes both the GitLab community and people who work at GitLab.');
  assert.deepEqual(quickFixes(f.index, problems[2]!).map((x) => x.title), ['Replace with "Guideline"', 'Replace with "General rule"']);
});

test('never in code, link URLs, front matter or shortcode calls; excluded and descriptive entries are skipped', async () => {
  const f = await fixture(page('`GitLabber` and\n\n```\nGitLabber\n```\n\n[text](/gitlabber/GitLabber) {{< alert title="GitLabber" >}} They said so. <span class="GitLabber"></span>'));
  assert.deepEqual(visible(f, PAGE), []);
});

test('single ordinary words are context-dependent: off by default, information when turned on', async () => {
  const f = await fixture(page('Our Resources are people.'));
  assert.deepEqual(visible(f, PAGE), []);
  f.index.setOptions({ ...f.index.options, checkContextWords: true });
  const on = applySeverities(diagnose(f.index, PAGE), { 'term-misused-context': 'information' });
  assert.deepEqual(on.map((p) => [p.code, p.severity]), [['term-misused-context', 'information']]);
});

test('hover on an acronym from the support glossary', async () => {
  const f = await fixture(page('Our FRT$0 target, and MWPS.'));
  const h = hover(f.index, PAGE, f.cursor!.offset - 1)!;
  assert.equal(slice(f, PAGE, h.start, h.end), 'FRT');
  assert.equal(h.contents, '**FRT** — First Response Time\n\nSupport have a first response time SLA.\n\n*Support glossary*');
  assert.equal(hover(f.index, PAGE, f.files[PAGE]!.indexOf('our')), undefined);
});

test('a glossary edited on disk is read again', async () => {
  const f = await fixture(page('A Hi guys message.'));
  assert.deepEqual(visible(f, PAGE), []);
  f.fs.write('/site/data/misused_terms.yml', '- avoid:\n  - Hi guys\n  use_instead:\n  - Hi all\n  reason: Inclusive.\n');
  const affected = f.index.fileChanged('/site/data/misused_terms.yml', 'changed');
  void affected;
  assert.deepEqual(visible(f, PAGE).map((p) => slice(f, PAGE, p.start, p.end)), ['Hi guys']);
});

test('a broken glossary file is logged and ignored', async () => {
  const f = await fixture(`//- /site/hugo.toml\ntitle = "x"\n//- /site/data/misused_terms.yml\n- avoid: [unclosed\n//- ${PAGE}\nGitLabber\n`);
  assert.deepEqual(visible(f, PAGE), []);
});
