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
  const doc = await vscode.workspace.openTextDocument(siteUri(...SEED_PAGE));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/**
 * Asks the launcher for a screenshot of the workbench as it is now, saved as `<name>.png`, and waits
 * until it is taken. `selector`: a CSS selector the launcher waits to be visible first (a hover, a
 * list), so the picture shows what the test just opened. Returns false where no launcher listens
 * (a desktop VS Code), so the same tests run there without pictures.
 */
export async function screenshot(name: string, selector?: string): Promise<boolean> {
  const dir = process.env.E2E_SCREENSHOT_REQUESTS;
  if (!dir) return false;
  const done = path.join(dir, `${name}.done`);
  fs.writeFileSync(path.join(dir, `${name}.request`), JSON.stringify({ selector }));
  const answer = await waitFor(`screenshot ${name}`, () => fs.existsSync(done) && fs.readFileSync(done, 'utf8'), 30_000);
  if (answer.startsWith('error') || answer.startsWith('warning')) report(`  (screenshot ${name}: ${answer})`);
  return !answer.startsWith('error');
}
