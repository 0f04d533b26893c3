// The built-in shortcode catalogue and the checks of calls against it. Every check is a fixture: the
// text of a page, and the problems it must give as [code, the text the problem covers, extra].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanShortcodes } from '../../server/src/parse/shortcodes';
import {
  builtinShortcodes,
  builtinShortcodesFrom,
  checkShortcodes,
  closestNames,
  effectiveArgs,
  pairShortcodes,
  type ShortcodeInfo,
  type ShortcodeProblem,
} from '../../server/src/shortcodes';

/** The built-ins plus a few site templates, as a site would have them. */
function catalogue(extra: Partial<ShortcodeInfo>[] = []): Map<string, ShortcodeInfo> {
  const map = new Map(builtinShortcodes());
  for (const e of extra) {
    map.set(e.name!, { source: 'site', description: '', positional: [], named: [], paired: 'never', markdownOnly: false, ...e } as ShortcodeInfo);
  }
  return map;
}

const SITE = catalogue([
  { name: 'tech-stack', markdownOnly: true, positional: [{ name: '0', description: '' }], files: ['/s/layouts/_shortcodes/tech-stack.md'] },
  { name: 'engineering/stable-counterparts', named: [{ name: 'role', description: '' }, { name: 'manager-role', description: '' }] },
  { name: 'member-by-name', paired: 'optional', stub: true, positional: [{ name: '0', description: '' }] },
  { name: 'team-by-manager-role', paired: 'optional', stub: true, named: [{ name: 'role', description: '' }, { name: 'team', description: '' }] },
  { name: 'data-table', acceptsAnyNamed: true },
]);

function check(text: string, expected: [string, string, unknown?][], cat = SITE): ShortcodeProblem[] {
  const problems = checkShortcodes(scanShortcodes(text), cat);
  const got = problems.map((p) => {
    const row: [string, string, unknown?] = [p.code, text.slice(p.start, p.end)];
    const d = p.data as { candidates?: string[] };
    if (d.candidates?.length) row.push(d.candidates[0]);
    return row;
  });
  assert.deepEqual(got, expected.map((e) => (e[2] === undefined ? [e[0], e[1]] : e)));
  return problems;
}

test('the built-in catalogue knows every shortcode of Hugo, Docsy and docsy-gitlab that the brief names', () => {
  const b = builtinShortcodes();
  const hugo = ['details', 'figure', 'gist', 'highlight', 'instagram', 'param', 'qr', 'ref', 'relref', 'vimeo', 'x', 'twitter', 'youtube'];
  const docsy = ['alert', 'pageinfo', 'imgproc', 'swaggerui', 'redoc', 'card', 'cardpane', 'tabpane', 'tab', 'blocks/cover', 'blocks/lead', 'blocks/section', 'blocks/feature', 'blocks/link-down', 'iframe', 'readfile'];
  const gitlab = ['include', 'include-readme', 'include-remote', 'panel', 'label', 'note', 'kpi', 'a', 'tableau', 'engineering/design-document-header'];
  for (const [names, source] of [[hugo, 'hugo'], [docsy, 'docsy'], [gitlab, 'docsy-gitlab']] as const) {
    for (const n of names) assert.equal(b.get(n)?.source, source, `${n} should come from ${source}`);
  }
  for (const info of b.values()) {
    assert.ok(info.description.length > 10 && !info.description.includes('\n'), `${info.name} needs a one-line description`);
    assert.ok(['always', 'never', 'optional'].includes(info.paired));
    assert.ok(Object.isFrozen(info));
    const named = info.named.map((p) => p.name);
    assert.equal(new Set(named).size, named.length, `${info.name} lists a parameter twice`);
  }
  assert.deepEqual(b.get('details')!.named.map((p) => p.name), ['summary', 'open', 'class', 'name', 'title']);
  assert.equal(b.get('details')!.paired, 'always');
  assert.equal(b.get('youtube')!.paired, 'never');
  assert.equal(b.get('youtube')!.positional[0]!.name, 'id');
  assert.ok(b.get('twitter')!.deprecated);
  assert.deepEqual([...builtinShortcodesFrom(['docsy-gitlab']).values()].map((i) => i.source).filter((s) => s !== 'docsy-gitlab'), []);
});

test('shortcode-unknown: a warning on the name, with the closest names as suggestions', () => {
  check('{{< youtub abc >}} and {{% detials summary="x" %}}body{{% /detials %}}', [
    ['shortcode-unknown', 'youtub', 'youtube'],
    ['shortcode-unknown', 'detials', 'details'],
  ]);
  // A folder left out, and a name nothing resembles.
  const [p1, p2] = check('{{< stable-counterparts role="x" >}}\n{{< zzqv >}}', [
    ['shortcode-unknown', 'stable-counterparts', 'engineering/stable-counterparts'],
    ['shortcode-unknown', 'zzqv'],
  ]);
  assert.equal(p1!.severity, 'warning');
  assert.match(p1!.message, /did you mean "engineering\/stable-counterparts"/);
  assert.deepEqual((p2!.data as { candidates: string[] }).candidates, []);
  // Inline shortcodes are defined where they are used.
  check('{{< time.inline >}}{{ now }}{{< /time.inline >}}', []);
});

test('inert comment-form calls are never checked', () => {
  check('{{</* nosuch sunmmary="x" "a" b="c" */>}} {{%/* /details */%}} {{</* tech-stack "x" */>}}', []);
});

test('shortcode-unclosed: an error at the opening tag of a shortcode whose content Hugo needs', () => {
  const [p] = check('{{% details summary="Why" %}}\nNever closed.\n', [['shortcode-unclosed', '{{% details summary="Why" %}}']]);
  assert.equal(p!.severity, 'error');
  assert.match(p!.message, /\{\{% \/details %\}\}/);
  // Self-closed is fine; so is a shortcode whose closing tag is optional, or one that takes no content.
  check('{{< qr text="https://example.org" />}} {{< member-by-name "Sid" >}} {{< youtube abc >}}', []);
  // An inner one left open inside a closed outer one.
  check('{{% alert %}}\n{{% details summary="x" %}}\n{{% /alert %}}', [['shortcode-unclosed', '{{% details summary="x" %}}']]);
});

test('shortcode-unopened: a closing tag with nothing to close, or for a shortcode without content', () => {
  const problems = check('text {{% /alert %}}\n{{< youtube abc >}}{{< /youtube >}}', [
    ['shortcode-unopened', '{{% /alert %}}'],
    ['shortcode-unopened', '{{< /youtube >}}'],
  ]);
  assert.deepEqual(problems.map((p) => (p.data as { reason: string }).reason), ['no-opening-tag', 'takes-no-content']);
  assert.match(problems[1]!.message, /takes no content/);
});

test('pairs match innermost first by name, with the same name nested', () => {
  const text = '{{% details summary="a" %}}{{% details summary="b" %}}x{{% /details %}}{{% /details %}}';
  const calls = scanShortcodes(text);
  assert.deepEqual(pairShortcodes(calls, SITE), { pairs: [[1, 2], [0, 3]], unclosed: [], unopened: [] });
  check(text, []);
  // Crossed tags: the inner alert is left open when details closes, and its closing tag comes too late.
  check('{{% details %}}{{% alert %}}{{% /details %}}{{% /alert %}}', [
    ['shortcode-unclosed', '{{% alert %}}'],
    ['shortcode-unopened', '{{% /alert %}}'],
  ]);
  // An optional (stub) shortcode left open inside a pair is fine.
  check('{{% note %}}{{< member-by-name "x" >}}{{% /note %}}', []);
});

test('shortcode-param-unknown: a warning on the parameter name that says what was meant', () => {
  const [p] = check('{{% details sunmmary="Mitigating" %}}x{{% /details %}}', [['shortcode-param-unknown', 'sunmmary', 'summary']]);
  assert.equal(p!.severity, 'warning');
  assert.match(p!.message, /did you mean "summary"/);
  assert.deepEqual(p!.data, { kind: 'shortcode-param-unknown', name: 'details', param: 'sunmmary', candidates: ['summary'] });
  // Nothing close: the message lists what the template reads.
  const [q] = check('{{< alert type="note" >}}x{{< /alert >}}', [['shortcode-param-unknown', 'type']]);
  assert.match(q!.message, /"color", "title"/);
  // Positional-only templates, templates reading all of .Params, and known names are quiet.
  check('{{< youtube id="x" title="y" >}} {{< data-table anything="1" >}} {{< engineering/stable-counterparts role="a" manager-role="b" >}}', []);
  // `key = "value"` with spaces is a named argument to Hugo.
  check('{{< team-by-manager-role role = "Engineering Manager" team = "Plan" >}}', []);
  check('{{< team-by-manager-role roel = "Engineering Manager" >}}', [['shortcode-param-unknown', 'roel', 'role']]);
  // Where the list is known only from real calls (docsy-gitlab), only a likely typo is reported.
  check('{{% panel header="x" footer="y" %}}z{{% /panel %}}', []);
  check('{{% panel heder="x" %}}z{{% /panel %}}', [['shortcode-param-unknown', 'heder', 'header']]);
});

test('shortcode-delimiter: a Markdown template called with {{< >}}, with the edits that fix it', () => {
  const text = 'See {{< tech-stack "Zuora" >}} and {{% tech-stack "Zuora" %}}.';
  const [p] = check(text, [['shortcode-delimiter', '{{< tech-stack "Zuora" >}}']]);
  assert.equal(p!.severity, 'warning');
  assert.match(p!.message, /tech-stack\.md/);
  const edits = (p!.data as { edits: { start: number; end: number; newText: string }[] }).edits;
  let fixed = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) fixed = fixed.slice(0, e.start) + e.newText + fixed.slice(e.end);
  assert.equal(fixed, 'See {{% tech-stack "Zuora" %}} and {{% tech-stack "Zuora" %}}.');
});

test('shortcode-mixed-args: an error at the first argument of the other kind', () => {
  const [p] = check('{{< youtube abc title="x" >}} {{< figure src="a.png" "b" >}}', [
    ['shortcode-mixed-args', 'title="x"'],
    ['shortcode-mixed-args', '"b"'],
  ]);
  assert.equal(p!.severity, 'error');
  assert.deepEqual(p!.data, { kind: 'shortcode-mixed-args', name: 'youtube', positional: 1, named: 1 });
  check('{{< youtube abc >}} {{< youtube id="abc" >}} {{< member-by-name "a b" >}}', []);
});

test('half-typed calls are left to the scanner’s own diagnostics', () => {
  check('{{< detials summary="x\n\nmore', []);
  check('{{% details summary="x"\n\n{{% /details %}}', []);
});

test('effectiveArgs folds key = value the way Hugo reads it', () => {
  const [call] = scanShortcodes('{{< x a = "1" b ="2" c= "3" d="4" "5" >}}');
  assert.deepEqual(effectiveArgs(call!).map((a) => [a.name, a.value]), [['a', '1'], ['b', '2'], ['c', '3'], ['d', '4'], [undefined, '5']]);
});

test('closestNames ranks typos, folders and extra words', () => {
  const names = ['details', 'detail-list', 'engineering/stable-counterparts', 'group-label', 'youtube'];
  assert.deepEqual(closestNames('detials', names), ['details']);
  assert.deepEqual(closestNames('stable-counterpart', names), ['engineering/stable-counterparts']);
  assert.deepEqual(closestNames('group', names), ['group-label']);
  assert.deepEqual(closestNames('qqqq', names), []);
});
