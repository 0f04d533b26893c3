// The checker over the real GitLab handbook (../shared/corpus), unpacked at test time.
import { before, test } from 'node:test';
import { corpusSite } from '../support/corpus';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import catalogue from '../../server/src/shortcodes/catalogue.json';
import { WorkspaceIndex, DEFAULT_OPTIONS } from '../../server/src/index/workspace';
import { NodeFileSystem } from '../../server/src/util/nodeFileSystem';
import { diagnose } from '../../server/src/features/diagnostics';
import { measurePrecision, percent, type Verdict } from '../support/precision';
import { problemsOf } from '../../server/src/features/report';
import { resolveRef } from '../../server/src/index/resolveRef';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
let dir: string;
let site: string;

before(() => {
  site = corpusSite();
  dir = path.dirname(site);
});

test('every one of the 297 include calls resolves (79 targets), through the index', async () => {
  const index = new WorkspaceIndex(new NodeFileSystem(), DEFAULT_OPTIONS);
  index.setFolders([dir]);
  assert.deepEqual(index.sites.map((s) => s.root), [site]);
  await index.ensureIndexed();
  let calls = 0;
  let unresolved = 0;
  const targets = new Set<string>();
  const files = new Set<string>();
  for (const f of index.allFacts()) {
    for (const inc of f.includes) {
      calls++;
      files.add(f.file);
      if (inc.target) targets.add(inc.target);
      else unresolved++;
    }
  }
  // 296 in Markdown pages and include files, one in the home page written in HTML (content/_index.html).
  assert.equal(calls, 297);
  // Every ref and relref of the handbook lands on a page, as its Hugo build requires (REF_NOT_FOUND
  // fails it): 7 calls, checked by hand — "design_document", "read-mostly" and "engaging-with-security"
  // in the folder of the section's _index.md that calls them, "working-with-issues" beside a regular
  // page, "compensation-calculator" by its unique bare name — with their anchors; the 9 in the comment form on hiring/job-families.md
  // are inert.
  const refs: string[] = [];
  for (const f of index.allFacts()) {
    for (const r of index.parsed(f.file)?.refs ?? []) {
      const t = resolveRef(index, f.file, r.target);
      refs.push(`${r.target} -> ${t.kind === 'page' ? path.relative(site, t.file) : t.kind}`);
    }
  }
  assert.deepEqual(refs.sort(), [
    'compensation-calculator#gitlab-job-grades -> content/handbook/total-rewards/compensation/compensation-calculator/_index.md',
    'compensation-calculator#gitlab-job-grades -> content/handbook/total-rewards/compensation/compensation-calculator/_index.md',
    'compensation-calculator#gitlab-job-grades -> content/handbook/total-rewards/compensation/compensation-calculator/_index.md',
    'design_document -> content/handbook/company/working-groups/real-time/design_document.md',
    'engaging-with-security#creating-new-security-issues -> content/handbook/security/engaging-with-security.md',
    'read-mostly -> content/handbook/company/working-groups/database-scalability/read-mostly.md',
    'working-with-issues#creating-issues -> content/handbook/support/workflows/working-with-issues.md',
  ]);
  assert.equal(files.size, 111);
  assert.equal(targets.size, 79);
  assert.equal(unresolved, 0);
});

interface Out {
  filesChecked: number;
  suppressed: number;
  diagnostics: { code: string; severity: string; file: string; line: number; column: number; message: string; fixes: string[] }[];
}
const SAMPLE = path.join(__dirname, 'precision-sample.json');
// The share of reported findings that are real, on the hand-checked sample, that the checker must reach.
const TARGETS: Record<string, number> = { 'anchor-not-found': 0.97, 'link-not-found': 0.97, 'term-misused': 0.9 };
let checked: Out | undefined;
function checkWholeSite(): Out {
  if (!checked) {
    const r = spawnSync(process.execPath, [CLI, '--format', 'json', site], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
    checked = JSON.parse(r.stdout) as Out;
  }
  return checked;
}

test('the checker finishes over the whole handbook with no include-not-found', () => {
  const out = checkWholeSite();
  // 4,136 Markdown pages, the home page written in HTML, 94 include files.
  assert.equal(out.filesChecked, 4136 + 1 + 94);
  assert.deepEqual(out.diagnostics.filter((d) => d.code.startsWith('include-')), []);
  // The real handbook builds with Hugo, so its front matter must all read as valid.
  assert.deepEqual(out.diagnostics.filter((d) => d.code === 'frontmatter-invalid'), []);
});

/**
 * What the checker reports over the snapshot of the handbook, by default, exactly. README.md's
 * paragraph "Over the real handbook (N files) the checker reports …" states the same numbers, and the
 * test below holds the two together. The snapshot is fixed, so a change here is a change of the engine:
 * judge it (the precision sample helps), then update both.
 */
const COUNTS = {
  files: 4231,
  errors: 0,
  'link-not-found': 857,
  /** Of the link-not-found, those into content/job-families, which the snapshot's importer replaced. */
  'link-not-found into job-families': 588,
  'anchor-not-found': 745,
  'term-misused': 692,
  'shortcode-param-unknown': 6,
  'frontmatter-missing-title': 9,
  /** Silenced by the handbook's own suppression comments (markdownlint-disable MD051: in-page anchors). */
  suppressed: 5,
};

function countsOf(out: Out): typeof COUNTS {
  const count = (code: string) => out.diagnostics.filter((d) => d.code === code).length;
  return {
    files: out.filesChecked,
    errors: out.diagnostics.filter((d) => d.severity === 'error').length,
    'link-not-found': count('link-not-found'),
    'link-not-found into job-families': out.diagnostics.filter((d) => d.code === 'link-not-found' && d.message.includes('job-families')).length,
    'anchor-not-found': count('anchor-not-found'),
    'term-misused': count('term-misused'),
    'shortcode-param-unknown': count('shortcode-param-unknown'),
    'frontmatter-missing-title': count('frontmatter-missing-title'),
    suppressed: out.suppressed,
  };
}

const UPDATE_BOTH = 'If the change is intended, update COUNTS in test/corpus/corpus.test.ts and the paragraph "Over the real handbook (N files) the checker reports …" in README.md, which state the same numbers';

test('the checker\'s counts over the whole handbook are exactly the ones README.md states', () => {
  const out = checkWholeSite();
  const now = countsOf(out);
  // Every code the checker reports is counted: a new one appearing on the handbook fails here too.
  const other = [...new Set(out.diagnostics.map((d) => d.code))].filter((c) => !(c in COUNTS));
  assert.deepEqual(other, [], `codes reported over the handbook that COUNTS does not count: ${other.join(', ')}. ${UPDATE_BOTH}.`);
  assert.deepEqual(now, COUNTS, `the checker's counts over the handbook changed. ${UPDATE_BOTH}. Measured now: ${JSON.stringify(now)}`);
});

test('README.md states the counts that the corpus test holds the checker to', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const paragraphs = readme.split(/\n\s*\n/).filter((p) => p.startsWith('Over the real handbook ('));
  assert.equal(paragraphs.length, 1, `README.md must state the handbook's counts in one paragraph that starts "Over the real handbook (", found ${paragraphs.length}`);
  const text = paragraphs[0]!.replace(/\s+/g, ' ');
  const n = (v: number) => v.toLocaleString('en-US');
  const stated: [string, string][] = [
    ['files', `Over the real handbook (${n(COUNTS.files)} files)`],
    ['errors', `reports ${COUNTS.errors} errors`],
    ['link-not-found', `${n(COUNTS['link-not-found'])} \`link-not-found\` (${n(COUNTS['link-not-found into job-families'])} of them into \`content/job-families\``],
    ['anchor-not-found', `${n(COUNTS['anchor-not-found'])} \`anchor-not-found\` (${n(COUNTS['anchor-not-found'] + COUNTS.suppressed)} before`],
    ['suppressed', `${COUNTS.suppressed} in-page anchors are silenced`],
    ['term-misused', `${n(COUNTS['term-misused'])} \`term-misused\``],
    ['shortcode-param-unknown', `${COUNTS['shortcode-param-unknown']} \`shortcode-param-unknown\``],
    ['frontmatter-missing-title', `${COUNTS['frontmatter-missing-title']} \`frontmatter-missing-title\``],
  ];
  const missing = stated.filter(([, phrase]) => !text.includes(phrase));
  assert.deepEqual(missing, [], `README.md's counts paragraph does not say what COUNTS in test/corpus/corpus.test.ts says; the two must agree. ${UPDATE_BOTH}.`);
});

test('broken links and anchors: hand-checked samples found with the right fixes', () => {
  const out = checkWholeSite();
  // History: 860 and 761 before text fragments and escaped destinations were read right; 771 and 771
  // before raw HTML links were checked and attribute-list ids, HTML-block anchors and exclusions by
  // resolved URL were known; 844 and 774 before the scanner learnt HTML blocks.
  const one = (code: string, file: string, text: string) => {
    const found = out.diagnostics.filter((d) => d.code === code && d.file.endsWith(file) && d.message.includes(text));
    assert.equal(found.length, 1, `${code} ${file} ${text}`);
    return found[0]!;
  };
  // Checked by hand: the heading is "### Promotions to Senior Director+".
  assert.equal(one('anchor-not-found', 'support/support-engineer-career-path.md', '#promotions-to-director-and-above').fixes[0], 'Change to "#promotions-to-senior-director"');
  // An include's site-root link: the incident page has "Incident Lead Responsibilities", no "Incident Manager …".
  assert.equal(one('anchor-not-found', 'foundations-data-science-shared/career-development.md', '#incident-manager-responsibilities').fixes[0], 'Change to "#incident-lead-responsibilities"');
  // "### Vendor Master Management": the link kept a numbered heading's old id.
  assert.equal(one('anchor-not-found', 'marketing/inbound-marketing/_index.md', '#3-vendor-master-management').fixes[0], 'Change to "#vendor-master-management"');
  // A relative link to a folder that does not exist next to the page, read either way.
  one('link-not-found', 'finance/financial-planning-and-analysis/_index.md', '"sales-finance/"');
  // The importer replaced content/job-families: links into it are dead.
  one('link-not-found', 'hiring/job-families.md', '/job-families/engineering/backend-engineer');
  // Raw HTML links are checked as a browser follows them: from a regular page's URL, "../x/" climbs
  // out of the page's own folder, into /…/security-compliance/security-compliance/ (checked by hand).
  one('link-not-found', 'security-compliance/sec-controls.md', '"../security-compliance/"');
  // A raw HTML href without a scheme is a relative path, dead (checked by hand: 7 in this page).
  assert.equal(out.diagnostics.filter((d) => d.file.endsWith('marketing-operations/ringlead.md') && d.message.includes('"www.help.zoominfo.com/')).length, 7);
  // `#### RED{.text-danger #red}` has the id red: the 18 links to it and its siblings land; so do the home page's
  // links to "/" (content/_index.html is a page) and a bare [..](_index).
  assert.deepEqual(out.diagnostics.filter((d) => /"#(red|green)"/.test(d.message) || /at "\/"\./.test(d.message) || /at "_index"/.test(d.message)), []);
  // Relative links into pages .hugolint.yaml excludes (here /handbook/product/categories/#…) are excluded too.
  assert.deepEqual(out.diagnostics.filter((d) => d.message.includes('#observability-group')), []);
  // No ref fails: all 7 land, anchors too.
  assert.deepEqual(out.diagnostics.filter((d) => d.code.startsWith('ref-')), []);
  // Good links stay quiet: the values include's anchors into /handbook/values/ all land.
  assert.deepEqual(out.diagnostics.filter((d) => d.file.endsWith('engineering-careers/values-competency.md')), []);
  // The handbook's own markdownlint MD051 comments silence the in-page anchors inside them: the three
  // competency links of the backend senior page and two more; cross-page anchors there are still checked
  // (MD051 never checks those): the offboarding page's two links to the People Group page.
  assert.equal(out.suppressed, COUNTS.suppressed);
  assert.deepEqual(out.diagnostics.filter((d) => d.file.endsWith('dev/backend/senior.md')), []);
  assert.equal(out.diagnostics.filter((d) => d.file.endsWith('people-group/offboarding/_index.md') && d.message.includes('#people-business-partner-alignment-to-division')).length, 2);
  assert.deepEqual(out.diagnostics.filter((d) => d.code === 'suppression-unused'), []);
  // .hugolint.yaml excludes /images/ and the pages whose headings come from shortcodes.
  assert.deepEqual(out.diagnostics.filter((d) => d.code.endsWith('-not-found') && /"\/images\//.test(d.message)), []);
});

test('the built-in catalogue was made from the theme versions the handbook\'s go.mod names', () => {
  const goMod = fs.readFileSync(path.join(site, 'go.mod'), 'utf8');
  const generatedFrom = (catalogue as { generatedFrom: Record<string, string> }).generatedFrom;
  assert.ok(Object.keys(generatedFrom).length > 0);
  for (const [source, spec] of Object.entries(generatedFrom)) {
    const [module, version] = spec.split(' ');
    const named = new RegExp(`^\\s*(?:require\\s+)?${module!.replace(/[.]/g, '\\.')}\\s+(\\S+)`, 'm').exec(goMod)?.[1];
    assert.equal(named, version, `${source}: go.mod names ${module} ${named}`);
  }
});

test('shortcodes over the whole handbook: none unknown, the sunmmary typo found', () => {
  const out = checkWholeSite();
  assert.deepEqual(out.diagnostics.filter((d) => d.code === 'shortcode-unknown'), []);
  const typo = out.diagnostics.filter((d) => d.code === 'shortcode-param-unknown' && d.message.includes('sunmmary'));
  assert.equal(typo.length, 1);
  assert.deepEqual(typo[0]!.fixes, ['Change to "summary"']);
});

test('the server\'s two-pass index: every file of the handbook checked right after the first pass gets what the checker reports', async () => {
  const eager = new WorkspaceIndex(new NodeFileSystem(), { ...DEFAULT_OPTIONS, retainParses: true });
  eager.setFolders([dir]);
  await eager.ensureIndexed();
  const lazy = new WorkspaceIndex(new NodeFileSystem(), { ...DEFAULT_OPTIONS, readyFirst: true });
  lazy.setFolders([dir]);
  await lazy.ensureReady();
  assert.equal(lazy.isIndexed, false, 'checked before the second pass');
  const files = [...eager.allFacts()].map((f) => f.file).sort();
  let problems = 0;
  for (const f of files) {
    const want = diagnose(eager, f);
    // What the checker prints: the same problems, less what suppression comments silence.
    problems += problemsOf(eager, f, {}).problems.length;
    assert.deepEqual(diagnose(lazy, f), want, f);
  }
  assert.equal(problems, checkWholeSite().diagnostics.length);
});

test('precision on a hand-checked sample: real findings / sampled findings reported, per code, at its target', () => {
  const sample = JSON.parse(fs.readFileSync(SAMPLE, 'utf8')) as Verdict[];
  const { perCode, unjudged } = measurePrecision(checkWholeSite().diagnostics, sample);
  const lines = perCode.map((p) => {
    const waiting = [...p.pending].map(([why, n]) => `${n} ${why}`).join(', ');
    return `${p.code}: ${p.real}/${p.reported} real = ${percent(p.real, p.reported)}` +
      (waiting ? `; ${percent(p.real, p.reportedBeyondPending)} without the false ones that wait for ${waiting}` : '') +
      `; ${p.fixed} false ones fixed, ${p.lost.length} real ones lost` +
      (p.awaited ? `, ${p.awaited} real ones judged ahead of the work that reports them` : '') +
      (p.silenced ? `, ${p.silenced} real ones silenced by the page's suppression comments` : '');
  });
  console.log(`precision sample (${sample.length} findings checked by hand, ${SAMPLE.split(path.sep).slice(-2).join('/')}):\n  ${lines.join('\n  ')}`);
  // Every finding that falls in the sample's windows has a verdict: a new one fails here until it is judged.
  assert.deepEqual(unjudged.map((f) => `${f.code} ${f.file}:${f.line}:${f.column} ${f.message}`), [], 'findings in the sample windows without a verdict: judge them and add them to the sample');
  for (const p of perCode) {
    assert.deepEqual(p.lost.map((v) => `${v.file}:${v.line}:${v.column} ${v.target}`), [], `${p.code}: real findings no longer reported`);
    assert.ok(p.real / p.reportedBeyondPending >= TARGETS[p.code]!, lines.join('; '));
  }
});
