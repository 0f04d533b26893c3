// Shortcode knowledge and checks: what a site can call (built-ins plus its own templates) and what is
// wrong with the calls in a text. Pure, offset-based, no LSP types; features/ wires it up.
export type { NamedParam, Pairing, PositionalParam, ShortcodeCatalogue, ShortcodeInfo, ShortcodeSource } from './types';
export { builtinShortcodes, builtinShortcodesFrom } from './catalogue';
export { discoverShortcodes, parseShortcodeTemplate, shortcodeCatalogue, shortcodeNameOf } from './discovery';
export type { CatalogueOptions, TemplateFacts } from './discovery';
export {
  checkDelimiters,
  checkMixedArgs,
  checkPairing,
  checkParams,
  checkShortcodes,
  checkUnknownShortcodes,
  closestNames,
  effectiveArgs,
  infoFor,
  pairShortcodes,
} from './checks';
export type { EffectiveArg, ShortcodePairing, ShortcodeProblem, ShortcodeProblemCode, ShortcodeProblemData, TextEdit } from './checks';
