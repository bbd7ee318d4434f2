/** The failure a call raises, for tests that name the Glance or Python class it stands for. */
import { DomainError } from '../../../src/domain/errors.js';

export function failure(run: () => unknown): DomainError {
  try {
    run();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('no domain failure');
}

/** The exception (any class) a call raises. */
export function raised(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error('nothing raised');
}
