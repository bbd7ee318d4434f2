/**
 * A model that fails in the middle of a batch: one line naming the file
 * and the step, exit status 2, and --out-dir as it was (the traces of the
 * scenarios that ran before it are not written).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Model } from '../src/shared/world.js';

/**
 * The legacy model's format-1 entry under either name, without an HTTP
 * entry, failing where a step creates an image named "overflow", as a stack
 * overflow does.
 */
vi.mock('../src/shared/models.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/shared/models.js')>();
  return {
    ...original,
    loadModel: async (name: 'legacy' | 'flat'): Promise<Model> => {
      const real = await original.loadModel('legacy');
      const open = real.open?.bind(real);
      if (open === undefined) throw new Error('the legacy model answers format 1');
      return {
        name,
        open(world) {
          const session = open(world);
          return {
            step(caller, op, args) {
              if ((args.image as { name?: string } | undefined)?.name === 'overflow') throw new RangeError('Maximum call stack size exceeded');
              return session.step(caller, op, args);
            },
          };
        },
      };
    },
  };
});

const { main } = await import('../src/cli.js');

async function peel(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    return { code: await main(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const alice = { user: 'u-alice', project: 'p-alice', roles: ['member'] };
const scenario = (...names: string[]) =>
  JSON.stringify({ format: 'peel-scenario/1', steps: names.map((name) => ({ as: alice, op: 'image.create', args: { image: { name } } })) });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'peel-cli-run-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a model failing during a run', () => {
  it('is one line naming the file and the step, exit 2, and writes none of the traces', async () => {
    const files = [scenario('a'), scenario('b', 'overflow'), scenario('c')].map((text, i) => {
      const path = join(dir, `${i + 1}.scenario.json`);
      writeFileSync(path, text);
      return path;
    });
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, '1.trace.json'), 'recorded before\n');
    const r = await peel('replay', '--model', 'flat', '--out-dir', out, ...files);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`peel: ${files[1]}: steps[1]: the flat model failed on this step: Maximum call stack size exceeded (nothing written; PEEL_DEBUG=1 shows the stack)\n`);
    expect(readdirSync(out)).toEqual(['1.trace.json']);
    expect(readFileSync(join(out, '1.trace.json'), 'utf8')).toBe('recorded before\n');
    expect(readdirSync(dir).sort()).toEqual(['1.scenario.json', '2.scenario.json', '3.scenario.json', 'out']);
  });

  it('does not create an --out-dir that did not exist', async () => {
    const path = join(dir, 'x.scenario.json');
    writeFileSync(path, scenario('overflow'));
    const r = await peel('record', '--model', 'flat', '--out-dir', join(dir, 'golden'), path);
    expect(r.err).toBe(`peel: ${path}: steps[0]: the flat model failed on this step: Maximum call stack size exceeded (nothing written; PEEL_DEBUG=1 shows the stack)\n`);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'golden'))).toBe(false);
  });

  it('prints no check lines for a batch that did not finish', async () => {
    const ok = join(dir, 'ok.scenario.json');
    writeFileSync(ok, scenario('a'));
    writeFileSync(join(dir, 'ok.trace.json'), JSON.stringify({ format: 'peel-trace/1', steps: [] }));
    const bad = join(dir, 'bad.scenario.json');
    writeFileSync(bad, scenario('overflow'));
    writeFileSync(join(dir, 'bad.trace.json'), JSON.stringify({ format: 'peel-trace/1', steps: [] }));
    const r = await peel('replay', '--model', 'flat', '--check', ok, bad);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^peel: .*bad\.scenario\.json: steps\[0\]: the flat model failed on this step/);
  });
});

describe('a model without an HTTP entry', () => {
  it('refuses a format-2 scenario before running anything: one line, exit 2', async () => {
    const path = join(dir, 's.scenario.json');
    writeFileSync(path, JSON.stringify({ format: 'peel-scenario/2', steps: [{ as: null, method: 'GET', path: '/v2/images' }] }));
    const r = await peel('replay', '--model', 'legacy', '--out-dir', join(dir, 'out'), path);
    expect(r).toEqual({ code: 2, out: '', err: `peel: ${path}: the legacy model does not answer format 2 (HTTP) scenarios (peel --help for usage)\n` });
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
