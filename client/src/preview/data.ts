// The engine's answer for a page (PreviewContextRequest, server/src/protocol.ts) turned into what the renderer draws with:
// link targets become hrefs relative to the page's folder, which VS Code's preview opens as files.
// Pure; works on URI strings only, so the web build can use it too.
import type { PreviewContext } from '../../../server/src/protocol';
import type { PreviewData } from './render';

/** The path part of a URI string, decoded (file:///a/b%20c.md -> /a/b c.md). */
function uriPath(uri: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/[^?#]*)/i.exec(uri);
  const p = m ? m[1]! : uri;
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

/** A relative path from folder `from` to file `to`, both absolute and "/"-separated. */
export function relativePath(from: string, to: string): string {
  const a = from.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  const up = a.length - i;
  const rest = b.slice(i).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}

export function toPreviewData(answer: PreviewContext, pageUri: string): PreviewData {
  const pagePath = uriPath(pageUri);
  const folder = pagePath.slice(0, pagePath.lastIndexOf('/'));
  const links: PreviewData['links'] = Object.create(null) as PreviewData['links'];
  for (const [destination, target] of Object.entries(answer.links)) {
    if (target.missing || !target.file) {
      links[destination] = { missing: true };
      continue;
    }
    const href = encodeURI(relativePath(folder, uriPath(target.file))) + (target.fragment ? `#${encodeURIComponent(target.fragment)}` : '');
    links[destination] = { href, title: target.name };
  }
  const includes: PreviewData['includes'] = Object.create(null) as PreviewData['includes'];
  for (const [raw, inc] of Object.entries(answer.includes)) includes[raw] = { name: inc.name, text: inc.text, error: inc.error };
  return { page: answer.page, ...(answer.emoji ? { emoji: true } : {}), includes, links, terms: answer.terms };
}

/**
 * Whether the server can answer for a page in this scheme: files on disk, and in VS Code for the web the
 * workspace's own scheme (`vscode-vfs`, `vscode-remote`, the Web IDE's), which the web server maps
 * itself. Not an untitled page or a git diff's old side, which no site holds.
 */
export function servedByServer(scheme: string, workspaceSchemes: readonly string[]): boolean {
  return scheme === 'file' || workspaceSchemes.includes(scheme);
}
