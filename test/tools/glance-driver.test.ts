/**
 * The project's Glance driver (tools/glance-driver) replays recorded
 * examples of both formats on the real Glance 16.0.0 and writes the traces
 * recorded with the reference runner, byte for byte; format-2 steps sent
 * over a real socket to the application `driver.py serve` serves answer
 * the same, but for what the WSGI server itself fills in.
 *
 * Glance is not part of the project: where the driver cannot start (no
 * python3-glance, no Glance 16.0.0 checkout) the replays are not run, and
 * the test asserts instead that the driver says which piece is missing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { driverSetup, driverUnavailable, replayOnGlance, ROOT, type GlanceReplay } from '../../scripts/lib/faithfulness-driver.js';

const MISSING_PIECE = /python3-glance|Glance 16\.0\.0/;
const unavailable = driverUnavailable();

function example(name: string): { scenario: string; trace: string } {
  const base = join(ROOT, 'examples', name);
  return { scenario: readFileSync(`${base}.scenario.json`, 'utf8'), trace: readFileSync(`${base}.trace.json`, 'utf8') };
}

const EXAMPLES = ['027-image-delete', '008-image-show-ownerless-and-members', 'http/228-upload-download-content-md5'];
const BROKEN = JSON.stringify({ format: 'peel-scenario/1', name: 'unknown op', steps: [{ as: null, op: 'image.explode', args: {} }] });

describe('the Glance driver', () => {
  // One driver process per mode for every replay below: starting Glance costs seconds.
  let replayed: GlanceReplay | undefined;
  let served: GlanceReplay | undefined;

  beforeAll(() => {
    if (unavailable !== null) return;
    replayed = replayOnGlance([...EXAMPLES.map((name) => example(name).scenario), BROKEN]);
    served = replayOnGlance(['http/228-upload-download-content-md5', 'http/206-content-type-checks'].map((name) => example(name).scenario), driverSetup(), { overHttp: true });
  }, 600_000);

  it('names what to install when the Glance source is missing', () => {
    const reason = driverUnavailable({ ...driverSetup(), glanceSrc: '/nonexistent/glance-16' });

    expect(reason).toMatch(MISSING_PIECE);
  });

  it('replays format-1 and format-2 examples exactly as Glance 16.0.0 answered them', () => {
    if (!replayed) {
      expect(unavailable).toMatch(MISSING_PIECE);
      return;
    }
    const recorded = EXAMPLES.map((name) => example(name).trace);

    expect(replayed.traces.slice(0, EXAMPLES.length)).toEqual(recorded);
  });

  it('refuses a scenario that breaks its format and writes no trace for it', () => {
    if (!replayed) {
      expect(unavailable).toMatch(MISSING_PIECE);
      return;
    }

    expect(replayed.traces[EXAMPLES.length]).toBeNull();
    expect(replayed.stderr).toMatch(/invalid scenario: step 0: unknown op 'image\.explode'/);
  });

  it('answers format-2 steps the same over a real socket, where the request says what it is', () => {
    if (!served) {
      expect(unavailable).toMatch(MISSING_PIECE);
      return;
    }

    expect(served.traces[0]).toBe(example('http/228-upload-download-content-md5').trace);
  });

  // NOTE(quirk): eventlet's WSGI server, which glance-api runs, fills in
  // CONTENT_TYPE "text/plain" (the email package's default) when a request
  // has none; format 2's in-memory request leaves it unset, and webob's
  // 415 page then prints its template variable as it is.
  it('names text/plain as the media type of a body sent without Content-Type when served, ${CONTENT_TYPE} in memory', () => {
    if (!served) {
      expect(unavailable).toMatch(MISSING_PIECE);
      return;
    }
    const inMemory = example('http/206-content-type-checks').trace;

    expect(inMemory).toContain('The request media type ${CONTENT_TYPE} is not supported by this server.');
    expect(served.traces[1]).toBe(inMemory.replaceAll('${CONTENT_TYPE}', 'text/plain'));
  });
});
