// What the engine knows about one shortcode: where it comes from, what it takes, how it is called.
// Plain data, no LSP types: hover, completion and diagnostics all read it.

/** Who provides the template: Hugo itself, a theme module, or the site's own `layouts/`. */
export type ShortcodeSource = 'hugo' | 'docsy' | 'docsy-gitlab' | 'site';

/**
 * Whether a call has content and a closing tag, as Hugo decides it from the template:
 * - `always`: the template reads `.Inner`, so Hugo requires every call to be closed
 *   (`{{< x >}}…{{< /x >}}`) or self-closed (`{{< x />}}`); a bare opening tag fails the build.
 * - `never`: the template never reads `.Inner`; Hugo rejects a closing tag.
 * - `optional`: either is fine as far as this tool can know (the template is not visible, or is a stub).
 */
export type Pairing = 'always' | 'never' | 'optional';

export interface PositionalParam {
  /** A short name for the argument at this position (0-based order = position). */
  name: string;
  description: string;
  required?: boolean;
}

export interface NamedParam {
  name: string;
  description: string;
  required?: boolean;
}

export interface ShortcodeInfo {
  /** As called: `details`, `engineering/stable-counterparts`. */
  name: string;
  source: ShortcodeSource;
  /** One line; empty when nothing is known. */
  description: string;
  /** Arguments by position, in order. */
  positional: PositionalParam[];
  named: NamedParam[];
  paired: Pairing;
  /** The template is Markdown (`.md`): it must be called with `{{% %}}`. */
  markdownOnly: boolean;
  /** The template reads `.Params` as a whole (ranges over it): any named argument may be meaningful. */
  acceptsAnyNamed?: boolean;
  /**
   * The parameter list is known only in part (learned from real calls, the template not being
   * readable here): an unknown named argument is reported only when it looks like a typo of a known one.
   */
  paramsIncomplete?: boolean;
  /** Why and since when the shortcode should not be used any more. */
  deprecated?: string;
  /** Reference documentation. */
  docs?: string;
  /** For site templates: the template files, the first one the one Hugo uses for HTML. */
  files?: string[];
  /** For site templates: the built-in shortcode of the same name that this one replaces. */
  overrides?: ShortcodeSource;
  /** For site templates: the file is a one-line stub naming its parameters, not the real template. */
  stub?: boolean;
}

export type ShortcodeCatalogue = ReadonlyMap<string, ShortcodeInfo>;
