// The seed page as VS Code's Markdown preview draws it through the extension's plugin: the text added
// to the page and the checks of the HTML, shared by the desktop suite (preview.test.ts) and the web
// worker suite (test/e2e/web/suite.ts, which bundles this file), so that both extension hosts are held
// to the same drawing. It imports nothing, so it runs in a browser too.

/** An alert, two tabs and a paragraph with a block attribute list, as handbook pages have them. */
export const ALERT = '\n{{% alert title="Before you merge" color="warning" %}}\nAsk a reviewer from the team.\n{{% /alert %}}\n';
export const TABS = '\n{{< tabpane text=true >}}\n{{% tab header="Locally" %}}\nRun the checker on your machine.\n{{% /tab %}}\n{{% tab header="In CI" %}}\nThe pipeline runs it on every merge request.\n{{% /tab %}}\n{{< /tabpane >}}\n';
export const ATTRIBUTED = '\nAsk in the team channel first.\n{#ask-first .lead}\n';

/** The checks used, as Node's assert and the web suite's own have them. */
export interface Checks {
  ok(value: unknown, message?: string): asserts value;
  equal(actual: unknown, expected: unknown, message?: string): void;
  match(text: string, re: RegExp, message?: string): void;
}

export const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The HTML of the seed page with ALERT, TABS and ATTRIBUTED added: the included competencies, the
 * missing include as an error box saying what its diagnostic says, the alert, the tabs, the attribute
 * list and the front matter's title. Returns the error box's text.
 */
export function checkSeedPreview(assert: Checks, html: string, includeNotFoundMessage: string): string {
  for (const competency of ['Leads the design of features across several teams', 'Writes maintainable, well-tested code', 'Practises the company values in daily work']) {
    assert.ok(html.includes(competency), `"${competency}" is not in the preview`);
  }
  assert.ok(!html.includes('{{% include'), 'an include is drawn as raw text');
  // The error box says what the diagnostic says.
  const box = /<div class="handbook-preview-error" role="alert"[^>]*><span class="handbook-preview-error-code">include-not-found<\/span> ([^<]*)<\/div>/.exec(html);
  assert.ok(box, 'no error box for the missing include');
  assert.equal(box[1], escapeHtml(includeNotFoundMessage), 'the error box and the diagnostic differ');
  // VS Code's own rules add data-line, code-line and dir to every block, in whatever order.
  const alert = /<div ([^>]*)><div class="handbook-alert-title">Before you merge<\/div>\s*<p[^>]*>Ask a reviewer from the team.<\/p>\s*<\/div>/.exec(html);
  assert.ok(alert, 'the alert is not drawn');
  assert.match(alert[1]!, /class="[^"]*\bhandbook-alert handbook-alert-warning\b/);
  assert.match(alert[1]!, /role="alert"/);
  // Tabs to switch between (radio buttons and their labels), each tab's text in its own panel.
  assert.match(html, /<input type="radio" class="handbook-tab-radio handbook-tab-radio-1" name="(handbook-tabpane-\d+)" id="\1-1" checked><input type="radio" class="handbook-tab-radio handbook-tab-radio-2" name="\1" id="\1-2"><label [^>]*for="\1-1">Locally<\/label><label [^>]*for="\1-2">In CI<\/label>/);
  assert.match(html, /<div [^>]*class="[^"]*\bhandbook-tab handbook-tab-2\b[^"]*"[^>]*>\s*<p[^>]*>The pipeline runs it on every merge request.<\/p>/);
  // The block attribute list: the paragraph's id and class, the list itself not shown.
  assert.match(html, /<p (?=[^>]*\bid="ask-first")(?=[^>]*\bclass="[^"]*\blead\b)[^>]*>Ask in the team channel first.<\/p>/);
  assert.ok(!html.includes('{#ask-first'), 'the attribute list is shown');
  // Front matter as the page's header.
  assert.match(html, /<h1 class="handbook-page-title">Quality Career Framework: Senior Backend Engineer, Engineering Productivity<\/h1>/);
  return box[1]!;
}
