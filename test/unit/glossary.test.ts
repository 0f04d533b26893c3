import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quickFixes } from '../../server/src/features/codeActions';
import { hover } from '../../server/src/features/hover';
import fc from 'fast-check';
import { mentionTest, misusedProblems, nonProseRanges } from '../../server/src/features/glossary';
import { DEFAULT_OPTIONS } from '../../server/src/index/workspace';
import { misusedEntry, startsWord } from '../../server/src/site/glossary';
import { checkDiagnostics, fixture, parseFixture, slice } from '../support/fixture';

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
/** The annotations of a fixture text, to hold a fixture to after it changed. */
const expectedOf = (text: string) => parseFixture(text).expected;

test('avoided words are flagged in prose, whole words, with the reason and one fix per replacement', async () => {
  const f = await checkDiagnostics(page(`Every GitLabber and all GitLabbers, as a Rule of thumb, but not gitlabberish.
      ^^^^^^^^^ warning: term-misused
                        ^^^^^^^^^^ warning: term-misused
                                         ^^^^^^^^^^^^^ warning: term-misused`));
  const problems = f.of(PAGE);
  assert.equal(problems[0]!.message, 'Avoid "GitLabber". Use "GitLab team member" instead. "GitLabber" includes both the GitLab community and people who work at GitLab.');
  assert.deepEqual(quickFixes(f.index, problems[2]!).map((x) => x.title), ['Replace with "Guideline"', 'Replace with "General rule"']);
});

test('never in code, link URLs, front matter or shortcode calls; excluded and descriptive entries are skipped', async () => {
  // No term-misused: the link and the unclosed alert have their own diagnostics.
  await checkDiagnostics(page(`\`GitLabber\` and

\`\`\`
GitLabber
\`\`\`

[text](/gitlabber/GitLabber) {{< alert title="GitLabber" >}} They said so. <span class="GitLabber"></span>
       ^^^^^^^^^^^^^^^^^^^^ warning: link-not-found
                             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: shortcode-unclosed`));
});

test('single ordinary words are context-dependent: off by default, information when turned on', async () => {
  const f = await checkDiagnostics(page('Our Resources are people.'));
  f.index.setOptions({ ...f.index.options, checkContextWords: true });
  await checkDiagnostics({ ...f, expected: expectedOf(page(`Our Resources are people.
    ^^^^^^^^^ information: term-misused-context`)) }, { severities: { 'term-misused-context': 'information' } });
});

test('hover on an acronym from the support glossary', async () => {
  const f = await fixture(page('Our FRT$0 target, and MWPS.'));
  const h = hover(f.index, PAGE, f.cursor!.offset - 1)!;
  assert.equal(slice(f, PAGE, h.start, h.end), 'FRT');
  assert.equal(h.contents, '**FRT** — First Response Time\n\nSupport have a first response time SLA.\n\n*Support glossary*');
  assert.equal(hover(f.index, PAGE, f.files[PAGE]!.indexOf('our')), undefined);
});

test('a glossary edited on disk is read again', async () => {
  const f = await checkDiagnostics(page('A Hi guys message.'));
  f.fs.write('/site/data/misused_terms.yml', '- avoid:\n  - Hi guys\n  use_instead:\n  - Hi all\n  reason: Inclusive.\n');
  f.index.fileChanged('/site/data/misused_terms.yml', 'changed');
  await checkDiagnostics({ ...f, expected: expectedOf(page(`A Hi guys message.
  ^^^^^^^ warning: term-misused "Avoid "Hi guys""`)) });
});

test('a broken glossary file is logged and ignored', async () => {
  await checkDiagnostics(`//- /site/hugo.toml
title = "x"
//- /site/data/misused_terms.yml
- avoid: [unclosed
//- ${PAGE}
GitLabber
^0 warning: frontmatter-missing-title
`);
});

/** The check as it was written first: each regex scans the whole page on its own. */
function referenceMisused(f: Awaited<ReturnType<typeof fixture>>, file: string, withContext: boolean): [number, number, string][] {
  const parsed = f.index.parsed(file)!;
  const g = f.index.glossaryOf(f.index.siteOf(file)!);
  const skip = nonProseRanges(parsed);
  const mention = mentionTest(f.index, f.index.siteOf(file)!, parsed);
  const out: [number, number, string][] = [];
  for (const re of [g.misusedAnyCase, g.misusedExactCase, withContext ? g.misusedContext : undefined]) {
    if (!re) continue;
    re.lastIndex = parsed.bodyStart;
    for (let m = re.exec(parsed.text); m; m = re.exec(parsed.text)) {
      const start = m.index;
      const end = start + m[0].length;
      const entry = misusedEntry(g, m[0]);
      if (!startsWord(parsed.text, start) || skip.some(([s, e]) => start < e && end > s) || !entry || mention(entry, start, end, m[0])) continue;
      out.push([start, end, m[0]]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** Phrases that overlap: where one scan's match hides the start of another. */
const OVERLAPPING = `//- /site/config/_default/config.yaml
title: x
//- /site/data/misused_terms.yml
- avoid: [functional group, group leader, GitLab SaaS, saas customer, Resources, leader]
  use_instead: [something else]
`;

test('one pass over the page finds what one scan per regex finds (generated prose, overlaps, cases, code)', async () => {
  const pieces = ['"', '(', ')', "Acme's ", 'instead of ', 'GitLabber', 'gitlabber', 'GITLABBER', 'xGitLabber', 'GitLabbers', 'Rule of', 'rule', ' of thumb', 'RULE OF THUMB', 'rule  of\nthumb', 'Resources', 'resources', '-Resources', ' ', ' ', '\n', '`', '**', 'and', 'é', 'ſ', '[link](/x "rule of thumb")', '{{% a "GitLabber" %}}', '<span title="GitLabber">'];
  const overlaps = ['functional ', 'group ', 'leader ', 'leaders ', 'GitLab ', 'gitlab ', 'SaaS ', 'saas ', 'customer ', 'x', '`', 'Resources '];
  const generated = fc.oneof(
    fc.tuple(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), fc.constant(false)),
    fc.tuple(fc.array(fc.constantFrom(...overlaps), { maxLength: 30 }), fc.constant(true)),
  );
  await fc.assert(
    fc.asyncProperty(generated, fc.boolean(), async ([parts, overlapping], withContext) => {
      const body = parts.join('');
      const text = overlapping ? `${OVERLAPPING}//- ${PAGE}\n---\ntitle: x\n---\n${body}\n` : page(body);
      const f = await fixture(text, { ...DEFAULT_OPTIONS, checkContextWords: withContext });
      const ours = misusedProblems(f.index, PAGE, f.index.parsed(PAGE)!).map((p) => [p.start, p.end, slice(f, PAGE, p.start, p.end)]);
      assert.deepEqual(ours, referenceMisused(f, PAGE, withContext), JSON.stringify(body));
    }),
    { numRuns: 600 },
  );
});
