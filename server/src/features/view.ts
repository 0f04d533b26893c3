// What every feature reads: the index's read-only view, carrying the features' settings.
import type { IndexView } from '../index/view';
import type { FeatureSettings } from './settings';

export type SiteView = IndexView<FeatureSettings>;
