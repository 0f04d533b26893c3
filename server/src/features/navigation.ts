// Go to definition, find references and document links for includes.
import type { SiteView } from './view';
import type { IncludeRef } from '../parse/document';
import { includeAt } from './includeAt';
import { termDefinitionLocation, termReferences } from './terms';
import { headingReferences, linkDefinition, linkDocumentLinks } from './links';
import { shortcodeDefinition } from './shortcodes';
import { refDefinition, refDocumentLinks } from './refs';
import type { Location } from './types';

export interface DocumentLinkEntry {
  start: number;
  end: number;
  target: string;
  /** 0-based line to open the target at. */
  line?: number;
  tooltip: string;
}

export function definition(index: SiteView, file: string, offset: number): Location[] {
  const parsed = index.parsed(file);
  const site = index.siteOf(file);
  if (!parsed || !site) return [];
  const inc = includeAt(parsed, offset);
  if (!inc) {
    const viaRef = refDefinition(index, file, offset);
    if (viaRef.length) return viaRef;
    const template = shortcodeDefinition(index, file, offset);
    if (template.length) return template;
    const viaLink = linkDefinition(index, file, offset);
    return viaLink.length ? viaLink : termDefinitionLocation(index, file, offset);
  }
  const r = index.resolveInclude(site, inc.path);
  return r.kind === 'found' ? [{ file: r.file, start: 0, end: 0 }] : [];
}

/**
 * References: on an include path, every call that includes the same file; anywhere else in an include
 * file, every call that includes this file.
 */
export function references(index: SiteView, file: string, offset: number, includeDeclaration: boolean): Location[] {
  const parsed = index.parsed(file);
  const site = index.siteOf(file);
  if (!parsed || !site) return [];
  const inc = includeAt(parsed, offset);
  if (!inc) {
    const terms = termReferences(index, file, offset, includeDeclaration);
    if (terms) return terms;
    const headings = headingReferences(index, file, offset, includeDeclaration);
    // In an include file, a heading nobody links to still answers with the pages that include the file.
    if (headings && (headings.length > 0 || index.kindOf(file) !== 'include')) return headings;
  }
  let target: string | undefined;
  if (inc) {
    const r = index.resolveInclude(site, inc.path);
    if (r.kind === 'found') target = r.file;
  } else if (index.kindOf(file) === 'include') {
    target = file;
  }
  if (!target) return [];
  const out: Location[] = [];
  if (includeDeclaration) out.push({ file: target, start: 0, end: 0 });
  for (const { file: user, call } of includeCallsOf(index, target)) out.push({ file: user, start: call.start, end: call.end });
  return out;
}

/** Every include call across the site that pulls in `target`, with the file it stands in. */
export function includeCallsOf(index: SiteView, target: string): { file: string; call: IncludeRef }[] {
  const out: { file: string; call: IncludeRef }[] = [];
  for (const user of index.includersOf(target)) {
    const p = index.parsed(user);
    const s = index.siteOf(user);
    if (!p || !s) continue;
    for (const call of p.includes) {
      const r = index.resolveInclude(s, call.path);
      if (r.kind === 'found' && r.file === target) out.push({ file: user, call });
    }
  }
  return out;
}

/** `includes` false: no links on include paths (an editor that opens them with go to definition). */
export function documentLinks(index: SiteView, file: string, { includes = true }: { includes?: boolean } = {}): DocumentLinkEntry[] {
  const parsed = index.parsed(file);
  const site = index.siteOf(file);
  if (!parsed || !site) return [];
  const links: DocumentLinkEntry[] = [];
  for (const inc of includes ? parsed.includes : []) {
    if (!inc.arg) continue;
    const r = index.resolveInclude(site, inc.path);
    if (r.kind === 'found') links.push({ start: inc.start, end: inc.end, target: r.file, tooltip: 'Open the included file' });
  }
  for (const l of linkDocumentLinks(index, file)) links.push({ ...l, line: l.line, tooltip: 'Follow the link' });
  for (const l of refDocumentLinks(index, file)) links.push({ ...l, tooltip: 'Open the page this ref names' });
  return links;
}
