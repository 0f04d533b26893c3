// The editor's `handbook.*` settings over a session: the initialization options first, then what the
// client answers to workspace/configuration (asked at start and on every didChangeConfiguration).
// The index is given the index options of the settings at once.
import type { ClientCapabilities, Connection } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../index/workspace';
import type { FeatureSettings } from '../features/settings';
import { DEFAULT_SETTINGS, featureSettingsOf, indexOptionsOf, normalizeSettings, type HandbookSettings } from '../settings';
import type { Logger } from '../util/logger';

export class SettingsSession {
  current: HandbookSettings = DEFAULT_SETTINGS;

  constructor(
    private readonly connection: Connection,
    private readonly index: WorkspaceIndex<FeatureSettings>,
    private readonly logger: Logger,
  ) {
    this.apply(DEFAULT_SETTINGS);
  }

  /** The settings the client put in its initialization options (any editor can send them there). */
  initialize(raw: unknown): void {
    this.apply(normalizeSettings(raw ?? {}));
  }

  /** Asks the client for the settings; true when they changed. Nothing waits on the answer but this. */
  async load(capabilities: ClientCapabilities): Promise<boolean> {
    if (!capabilities.workspace?.configuration) return false;
    const before = JSON.stringify(this.current);
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration('handbook');
      this.apply(normalizeSettings(raw));
    } catch (err) {
      this.logger.warn(`Could not read settings, using defaults: ${String(err)}`);
    }
    return JSON.stringify(this.current) !== before;
  }

  private apply(settings: HandbookSettings): void {
    this.current = settings;
    this.index.setOptions({
      ...indexOptionsOf(settings),
      // Ready for the open pages' checks after one cheap pass; outlines and links follow in the background.
      readyFirst: true,
      // A client that roots the workspace inside the site (or at the opened file) still finds it.
      findSiteAbove: true,
    });
    this.index.setSettings(featureSettingsOf(settings));
  }
}
