// The checker's machine-readable reports held to what their readers accept: SARIF 2.1.0 validated
// against the OASIS JSON schema (the copy in @microsoft/jest-sarif, so no network at test time), and
// the Code Quality report against the fields GitLab reads, with fingerprints that stay the same when
// the problems' lines move.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const SAMPLE = path.resolve(__dirname, '../../examples/sample-handbook');
const SEED = 'content/handbook/engineering/careers/matrix/quality/engineering-productivity/senior.md';
const SARIF_SCHEMA = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });

/** What GitLab reads of a Code Quality report (its documented format; anything else is ignored). */
const CODE_QUALITY_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', pattern: '^[0-9a-f]{32,64}$' },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        required: ['path', 'lines'],
        properties: {
          path: { type: 'string', pattern: '^[^/]' },
          lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 }, end: { type: 'integer', minimum: 1 } } },
        },
      },
    },
  },
};

function copyOfSample(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-schemas-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(SAMPLE, dir, { recursive: true });
  // A problem of every severity the report maps: an error, warnings, and a term-misused warning.
  fs.appendFileSync(path.join(dir, SEED), '\n{{% details sunmmary="x" %}}\nx\n{{% /details %}}\n');
  return dir;
}

test('SARIF output validates against the SARIF 2.1.0 JSON schema', (t) => {
  const dir = copyOfSample(t);
  // unicodeRegExp: false: the schema's language pattern is not valid in Unicode mode (a stray bracket).
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8')) as object);
  const r = run(['--format', 'sarif', '.'], dir);
  assert.equal(r.status, 1, r.stderr);
  const log = JSON.parse(r.stdout) as { runs: { results: unknown[] }[] };
  assert.ok(log.runs[0]!.results.length >= 5, 'the report has results to validate');
  assert.ok(validate(log), ajv.errorsText(validate.errors, { separator: '\n' }));
  // The schema does reject what is not SARIF: the check above can fail.
  const broken = structuredClone(log) as { runs: { results: { level: string }[] }[] };
  broken.runs[0]!.results[0]!.level = 'fatal';
  assert.equal(validate(broken), false);
});

test('the Code Quality report has the fields GitLab reads, and fingerprints that do not change when lines move', (t) => {
  const dir = copyOfSample(t);
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(CODE_QUALITY_SCHEMA);
  type Issue = { fingerprint: string; check_name: string; description: string; location: { path: string; lines: { begin: number } } };
  const report = (): Issue[] => JSON.parse(run(['--format', 'codequality', '.'], dir).stdout) as Issue[];
  const before = report();
  assert.ok(validate(before), ajv.errorsText(validate.errors, { separator: '\n' }));
  assert.deepEqual([...new Set(before.map((i) => i.check_name))].sort(), ['anchor-not-found', 'include-not-found', 'shortcode-param-unknown']);
  assert.equal(new Set(before.map((i) => i.fingerprint)).size, before.length, 'every issue has its own fingerprint');
  assert.equal(validate([{ ...before[0]!, severity: 'warning' }]), false, 'the schema rejects a severity GitLab does not know');

  // Three lines inserted above everything on the page: every problem moves down, none changes.
  const page = path.join(dir, SEED);
  const text = fs.readFileSync(page, 'utf8');
  const end = text.indexOf('\n---', 3) + 4;
  fs.writeFileSync(page, text.slice(0, end) + '\nA new first paragraph.\n\nAnd another.\n' + text.slice(end));
  const after = report();
  assert.deepEqual(after.map((i) => i.location.lines.begin), before.map((i) => i.location.lines.begin + 4));
  assert.deepEqual(after.map((i) => i.fingerprint), before.map((i) => i.fingerprint));
});
