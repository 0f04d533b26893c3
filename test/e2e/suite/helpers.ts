// Helpers shared by the end-to-end tests, which run inside VS Code's extension host.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'handbook-tools.hugo-handbook-tools';

/** The opened fixture site (a temporary copy of test/fixtures/e2e-site). */
export function siteRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder.uri.fsPath;
}

export function siteUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.file(path.join(siteRoot(), ...segments));
}

export const SEED_PAGE = ['content', 'handbook', 'engineering', 'careers', 'matrix', 'quality', 'engineering-productivity', 'senior.md'];

/**
 * Writes a line of test output. Under the launcher (test/e2e/launcher) the lines go to a file that
 * the launcher prints, because the web workbench mixes extension-host console output into its own
 * log; in a desktop VS Code console.log reaches the terminal directly.
 */
export function report(...args: unknown[]): void {
  const line = format(...args);
  const file = process.env.E2E_TEST_OUTPUT;
  if (file) fs.appendFileSync(file, `${line}\n`);
  else console.log(line);
}

/**
 * Polls `probe` until it returns something other than undefined (or false), and returns that.
 * Waiting on a condition with a deadline, never on a fixed sleep.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The position just after the first occurrence of `needle` (or `at` characters into it). */
export function positionOf(doc: vscode.TextDocument, needle: string, at = needle.length): vscode.Position {
  const offset = doc.getText().indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not found in ${doc.uri.fsPath}`);
  return doc.positionAt(offset + at);
}

export function rangeOf(doc: vscode.TextDocument, needle: string): vscode.Range {
  return new vscode.Range(positionOf(doc, needle, 0), positionOf(doc, needle));
}

export function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

export async function openSeedPage(): Promise<vscode.TextEditor> {
  // Room for the editor in the screenshots: the secondary side bar (chat) starts open.
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar').then(undefined, () => undefined);
  const doc = await vscode.workspace.openTextDocument(siteUri(...SEED_PAGE));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** What a test asks the launcher to do in the workbench page (test/e2e/launcher/code-launcher.js). */
interface UiRequest {
  /** Click this element first (and the first one that contains `text`), inside these nested iframes. */
  click?: { selector: string; text?: string; frames?: string[] };
  /** Wait until an element matching this CSS selector (containing `text`) is visible. */
  selector?: string;
  text?: string;
  /** true: check that no such element is visible now, instead of waiting for one. */
  absent?: boolean;
  /** false: only look, take no picture. */
  screenshot?: boolean;
  /** Look for `selector` inside these nested iframes (a webview's content). */
  frames?: string[];
}

let uiRequests = 0;

/** The launcher's answer: undefined where no launcher listens (a desktop VS Code). */
async function askLauncher(name: string, request: UiRequest): Promise<string | undefined> {
  const dir = process.env.E2E_SCREENSHOT_REQUESTS;
  if (!dir) return undefined;
  const done = path.join(dir, `${name}.done`);
  fs.writeFileSync(path.join(dir, `${name}.request`), JSON.stringify(request));
  return waitFor(`the launcher to answer ${name}`, () => fs.existsSync(done) && fs.readFileSync(done, 'utf8'), 30_000);
}

/**
 * Asks the launcher for a screenshot of the workbench as it is now, saved as `<name>.png`, and waits
 * until it is taken. `selector`: a CSS selector the launcher waits to be visible first (a hover, a
 * list), so the picture shows what the test just opened. Returns false where no launcher listens
 * (a desktop VS Code), so the same tests run there without pictures.
 */
export async function screenshot(name: string, selector?: string, text?: string, frames?: string[]): Promise<boolean> {
  const answer = await askLauncher(name, { selector, text, frames });
  if (answer === undefined) return false;
  if (answer.startsWith('error') || answer.startsWith('warning')) report(`  (screenshot ${name}: ${answer})`);
  return !answer.startsWith('error');
}

/**
 * Checks the workbench page the user looks at (only under the launcher): optionally clicks an
 * element, then waits until an element matching `selector` and containing `text` is visible — a
 * notification, a quick pick, a status bar entry. Throws when it does not appear. Returns false where
 * no launcher listens (a desktop VS Code), where the caller checks what the API can tell instead.
 */
export async function seeInWorkbench(what: string, request: UiRequest): Promise<boolean> {
  const answer = await askLauncher(`ui-${++uiRequests}-${Date.now()}`, { ...request, screenshot: false });
  if (answer === undefined) return false;
  if (answer !== 'seen') throw new Error(`${what}: ${answer}`);
  return true;
}

/** Puts a document back as it is on disk (File: Revert File), when a test has changed it. */
export async function revert(doc: vscode.TextDocument): Promise<void> {
  if (!doc.isDirty || doc.isClosed) return;
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

/** The URIs shown in editor tabs: the files "open in an editor". */
export function filesInTabs(): string[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).flatMap((t) => (t.input instanceof vscode.TabInputText ? [t.input.uri.toString()] : []));
}

/**
 * Checks that a notification with this text was shown (only under the launcher; see seeInWorkbench).
 * VS Code shows no toasts while its smoke-test driver runs, so this opens the notification centre
 * (the bell in the status bar), where every notification is listed, and looks there.
 */
export async function seeNotification(text: string, screenshotName?: string): Promise<boolean> {
  if (!process.env.E2E_SCREENSHOT_REQUESTS) return false;
  await vscode.commands.executeCommand('notifications.showList');
  try {
    await seeInWorkbench(`the notification "${text}"`, { selector: '.notifications-center .monaco-list-row', text });
    if (screenshotName) await screenshot(screenshotName, '.notifications-center .monaco-list-row', text);
  } finally {
    await vscode.commands.executeCommand('notifications.hideList');
  }
  return true;
}
