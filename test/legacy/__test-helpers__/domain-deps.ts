/**
 * What glance/domain reads from globals (timeutils.utcnow, uuid4, CONF),
 * as the injected values a domain test builds its factories with.
 */
import { SeededIds, StepClock } from '../../../src/shared/world.js';
import { mutableSettings, type MutableSettings } from './mutable-settings.js';

export interface DomainDeps {
  readonly clock: StepClock;
  readonly ids: SeededIds;
  /** Changed with `config(settings, {...})`, like Glance's `self.config`. */
  readonly settings: MutableSettings;
}

export function domainDeps(): DomainDeps {
  return { clock: new StepClock(), ids: new SeededIds(3), settings: mutableSettings() };
}
