/**
 * A Settings value a test may change mid-way, as Glance tests call
 * `self.config(...)` after building the proxies: the layers read their
 * options at call time, so a change applies to proxies already built.
 */
import { GLANCE_DEFAULTS, type Settings } from '../../../src/shared/settings.js';

export type MutableSettings = { -readonly [K in keyof Settings]: Settings[K] };

export function mutableSettings(overrides: Partial<Settings> = {}): MutableSettings {
  return { ...GLANCE_DEFAULTS, ...overrides };
}

/** Glance's `self.config(**kwargs)`. */
export function config(settings: MutableSettings, overrides: Partial<Settings>): void {
  Object.assign(settings, overrides);
}
