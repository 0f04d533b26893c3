// Shortcodes: diagnostics from the catalogue (built-ins plus the site's templates), completion of
// names, parameters and closing tags, hover, definition of site templates, folding and outline entries.
import { relativePosix } from '../util/paths';
import type { SiteView } from './view';
import type { ParsedDocument } from '../parse/document';
import type { ShortcodeCall } from '../parse/shortcodes';
import { checkShortcodes, effectiveArgs, infoFor, pairShortcodes, type ShortcodeCatalogue, type ShortcodeInfo } from '../shortcodes';
import type { Fix, Location, Problem } from './types';

export function shortcodeProblems(index: SiteView, file: string, parsed: ParsedDocument): Problem[] {
  const site = index.siteOf(file);
  if (!site) return [];
  const catalogue = index.shortcodesOf(site);
  // Unterminated calls already have their own error; the checks skip them.
  return checkShortcodes(parsed.shortcodes, catalogue).map((p) => ({
    file,
    start: p.start,
    end: p.end,
    severity: p.severity,
    code: p.code,
    message: p.message,
    data: { kind: 'shortcode', detail: p.data },
  }));
}

export function shortcodeFixes(problem: Problem): Fix[] {
  if (problem.data?.kind !== 'shortcode') return [];
  const d = problem.data.detail;
  const change = (title: string, start: number, end: number, newText: string, preferred: boolean): Fix => ({
    title,
    fixes: problem.code,
    isPreferred: preferred,
    edit: { creates: [], changes: [{ file: problem.file, start, end, newText }] },
  });
  switch (d.kind) {
    case 'shortcode-unknown':
    case 'shortcode-param-unknown':
      return d.candidates.map((c, i) => change(`Change to "${c}"`, problem.start, problem.end, c, i === 0));
    case 'shortcode-delimiter':
      return [{ title: `Call "${d.name}" with {{% %}}`, fixes: problem.code, isPreferred: true, edit: { creates: [], changes: d.edits.map((e) => ({ file: problem.file, ...e })) } }];
    case 'shortcode-unclosed':
      // Closing right after the opening tag makes an empty pair the author can fill.
      return [change(`Add ${d.closingTag}`, problem.end, problem.end, d.closingTag, true)];
    default:
      return [];
  }
}

function sourceLabel(index: SiteView, info: ShortcodeInfo, file: string): string {
  if (info.source === 'site' && info.files?.[0]) {
    const site = index.siteOf(file);
    return `\`${site ? relativePosix(site.root, info.files[0]) : info.files[0]}\``;
  }
  return { hugo: 'Hugo built-in', docsy: 'Docsy', 'docsy-gitlab': 'docsy-gitlab', site: 'site template' }[info.source];
}

/** Markdown documentation of a shortcode: description, where it comes from, how to call it, its parameters. */
export function shortcodeDoc(index: SiteView, info: ShortcodeInfo, file: string): string {
  const lines = [`**${info.name}** — ${sourceLabel(index, info, file)}`];
  if (info.description) lines.push('', info.description);
  if (info.deprecated) lines.push('', `*Deprecated:* ${info.deprecated}`);
  const call = info.markdownOnly ? ['{{%', '%}}'] : ['{{<', '>}}'];
  lines.push('', `\`${call[0]} ${info.name}${info.positional.map((p) => ` "${p.name}"`).join('')} ${call[1]}\`${info.paired === 'always' ? ` … \`${call[0]} /${info.name} ${call[1]}\`` : ''}`);
  if (info.named.length) {
    lines.push('', 'Parameters:');
    for (const p of info.named) lines.push(`- \`${p.name}\`${p.required ? ' (required)' : ''}${p.description ? ` — ${p.description}` : ''}`);
  }
  if (info.positional.length) {
    lines.push('', 'Arguments:');
    info.positional.forEach((p, i) => lines.push(`- ${i}: \`${p.name}\`${p.description ? ` — ${p.description}` : ''}`));
  }
  if (info.docs) lines.push('', `[Documentation](${info.docs})`);
  return lines.join('\n');
}

function callAtName(parsed: ParsedDocument, offset: number): ShortcodeCall | undefined {
  return parsed.shortcodes.find((c) => !c.inert && offset >= c.nameStart && offset <= c.nameEnd && c.name !== '');
}

export function shortcodeHover(index: SiteView, file: string, offset: number): { contents: string; start: number; end: number } | undefined {
  const parsed = index.parsed(file);
  const site = index.siteOf(file);
  const call = parsed && callAtName(parsed, offset);
  if (!call || !site) return undefined;
  const info = infoFor(call, index.shortcodesOf(site));
  if (!info) return { start: call.nameStart, end: call.nameEnd, contents: `**${call.name}** — unknown shortcode: no template in the site's layouts and not a Hugo, Docsy or docsy-gitlab shortcode.` };
  return { start: call.nameStart, end: call.nameEnd, contents: shortcodeDoc(index, info, file) };
}

export function shortcodeDefinition(index: SiteView, file: string, offset: number): Location[] {
  const parsed = index.parsed(file);
  const site = index.siteOf(file);
  const call = parsed && callAtName(parsed, offset);
  if (!call || !site) return [];
  const info = infoFor(call, index.shortcodesOf(site));
  return (info?.files ?? []).slice(0, 1).map((f) => ({ file: f, start: 0, end: 0 }));
}

// ---- completion -------------------------------------------------------------------------------

export interface ShortcodeCompletion {
  label: string;
  kind: 'shortcode' | 'param' | 'closing';
  detail: string;
  documentation: string | undefined;
  start: number;
  end: number;
  /** A snippet: $1, $0 placeholders. */
  snippet: string;
  sortText: string;
}

export function shortcodeCompletions(index: SiteView, file: string, offset: number): ShortcodeCompletion[] | undefined {
  const parsed = index.parsed(file);
  const site = index.siteOf(file);
  if (!parsed || !site || offset < parsed.bodyStart) return undefined;
  const catalogue = index.shortcodesOf(site);
  const text = parsed.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, text.indexOf('\n', offset) === -1 ? text.length : text.indexOf('\n', offset));
  const opening = /\{\{([<%])(\s*)(\/?)(\s*)([\w\-./]*)$/.exec(before);
  if (opening) {
    const delim = opening[1] as '<' | '%';
    const close = delim === '<' ? '>}}' : '%}}';
    const start = offset - opening[5]!.length;
    const hasClose = /^[\w\-./]*\s*\/?[>%]\}\}/.test(after);
    const space = opening[2] ? '' : ' ';
    if (opening[3]) {
      const open = innermostOpen(parsed.shortcodes.filter((c) => c.end <= lineStart + (opening.index ?? 0)), catalogue);
      if (!open) return [];
      return [{
        label: open.name,
        kind: 'closing',
        detail: `closes the ${open.name} opened above`,
        documentation: undefined,
        start,
        end: offset,
        snippet: hasClose ? open.name : `${open.name} ${close}`,
        sortText: '0',
      }];
    }
    return [...catalogue.values()]
      .filter((i) => !i.deprecated)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((info) => {
        const args = info.positional.filter((p) => p.required).map((p, i) => ` "\${${i + 1}:${p.name}}"`).join('');
        const named = info.positional.length ? '' : info.named.filter((p) => p.required).map((p, i) => ` ${p.name}="\${${i + 1}}"`).join('');
        const body = hasClose ? `${info.name}${args}${named}` : `${info.name}${args}${named}${space ? ' ' : ' '}${close}${info.paired === 'always' ? `\n$0\n{{${delim} /${info.name} ${close}` : ''}`;
        return {
          label: info.name,
          kind: 'shortcode' as const,
          detail: `${info.source === 'site' ? 'site' : info.source}${info.markdownOnly && delim === '<' ? ' · call with {{% %}}' : ''}`,
          documentation: shortcodeDoc(index, info, file),
          start,
          end: offset,
          snippet: body,
          sortText: `${info.source === 'site' ? 0 : 1}${info.name}`,
        };
      })
      .sort((a, b) => a.sortText.localeCompare(b.sortText));
  }
  // Inside a call, after its name: the named parameters not given yet.
  const call = parsed.shortcodes.find((c) => !c.inert && !c.closing && offset > c.nameEnd && (offset <= c.end - (c.terminated ? 3 : 0)));
  if (call && /\s$/.test(before)) {
    const info = infoFor(call, catalogue);
    if (!info || info.positional.length && !info.named.length) return [];
    const given = new Set(effectiveArgs(call).map((a) => a.name).filter(Boolean));
    return info.named.filter((p) => !given.has(p.name)).map((p, i) => ({
      label: p.name,
      kind: 'param' as const,
      detail: p.required ? 'required' : 'optional',
      documentation: p.description || undefined,
      start: offset,
      end: offset,
      snippet: `${p.name}="$1"`,
      sortText: `${p.required ? 0 : 1}${String(i).padStart(3, '0')}`,
    }));
  }
  return undefined;
}

/** The innermost paired shortcode opened before `calls` end and not yet closed. */
function innermostOpen(calls: readonly ShortcodeCall[], catalogue: ShortcodeCatalogue): ShortcodeCall | undefined {
  const stack: ShortcodeCall[] = [];
  for (const c of calls) {
    if (c.inert || !c.terminated) continue;
    if (c.closing) {
      const at = stack.map((s) => s.name).lastIndexOf(c.name);
      if (at !== -1) stack.length = at;
      continue;
    }
    if (c.selfClosing) continue;
    const info = catalogue.get(c.name);
    if (!info || info.paired !== 'never') stack.push(c);
  }
  // Prefer the innermost that must be closed; an "optional" one may stand alone.
  for (let i = stack.length - 1; i >= 0; i--) if (catalogue.get(stack[i]!.name)?.paired === 'always') return stack[i];
  return stack[stack.length - 1];
}

// ---- folding and outline ------------------------------------------------------------------------

export function shortcodeFolds(index: SiteView, file: string): { start: number; end: number }[] {
  const parsed = index.parsed(file);
  const site = index.siteOf(file);
  if (!parsed || !site) return [];
  const { pairs } = pairShortcodes(parsed.shortcodes, index.shortcodesOf(site));
  return pairs.map(([o, c]) => ({ start: parsed.shortcodes[o]!.start, end: parsed.shortcodes[c]!.end }));
}

const TITLED: Record<string, string[]> = { details: ['summary'], alert: ['title'], panel: ['header', 'title'] };

/** Paired shortcodes that carry a title, for the outline: `details` (summary), `alert` (title), `panel` (header). */
export function shortcodeSymbols(index: SiteView, file: string): { name: string; detail: string; start: number; end: number }[] {
  const parsed = index.parsed(file);
  const site = index.siteOf(file);
  if (!parsed || !site) return [];
  const { pairs } = pairShortcodes(parsed.shortcodes, index.shortcodesOf(site));
  const out: { name: string; detail: string; start: number; end: number }[] = [];
  for (const [o, c] of pairs) {
    const call = parsed.shortcodes[o]!;
    const keys = TITLED[call.name];
    if (!keys) continue;
    const args = effectiveArgs(call);
    const title = keys.map((k) => args.find((a) => a.name === k)?.value).find((v) => v) ?? args.find((a) => a.name === undefined)?.value;
    if (!title) continue;
    out.push({ name: title, detail: call.name, start: call.start, end: parsed.shortcodes[c]!.end });
  }
  return out;
}
