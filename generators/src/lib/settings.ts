/** The settings of a service: what its manifest records under `options` (see options.ts for the copies). */
import type { AlertModel, IfMatchPolicy, Tier } from '@shipshape/templates';

/** What a service is, as its manifest records it. */
export interface ServiceSettings {
  name: string;
  org: string;
  tier: Tier;
  owner: string;
  /** The aggregates, singular, the example one first. */
  resources: string[];
  /**
   * Aggregates whose PATCH and DELETE require `If-Match` (`{ order: 'required' }`); the others take it optionally.
   * Set with `--ifMatch` of the service and resource generators.
   */
  ifMatch?: Record<string, IfMatchPolicy>;
  /** Alerts added by the `alert` generator (on top of the defaults), kept so every later run renders them. */
  alerts?: AlertModel[];
}

/** The settings in the order the manifest writes them (a test checks every setting is listed). */
export const SETTING_KEYS = ['name', 'org', 'tier', 'owner', 'resources', 'ifMatch', 'alerts'] as const;
// Compile-time: a ServiceSettings field missing from SETTING_KEYS is an error here.
type Unlisted = Exclude<keyof ServiceSettings, (typeof SETTING_KEYS)[number]>;
const everySettingListed: [Unlisted] extends [never] ? true : never = true;
void everySettingListed;
