/**
 * peel replay / record as a user meets them with bad input: every usage or
 * input error is one line on stderr and exit status 2, everything is read
 * and checked before anything runs, and a failed batch leaves --out-dir as
 * it was.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli.js';
import { MAX_DEPTH } from '../src/shared/strict-json.js';

interface Outcome {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function peel(...args: string[]): Promise<Outcome> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** Exit 2, nothing on stdout, and exactly one line on stderr: returned without its `peel: ` prefix. */
function oneLineError(r: Outcome): string {
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err.endsWith('\n')).toBe(true);
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  expect(r.err.startsWith('peel: ')).toBe(true);
  return r.err.slice('peel: '.length).trimEnd();
}

const alice = { user: 'u-alice', project: 'p-alice', roles: ['member'] };
const format1 = (steps: unknown[], extra: Record<string, unknown> = {}) => ({ format: 'peel-scenario/1', ...extra, steps });
const create = (name: string) => ({ as: alice, op: 'image.create', args: { image: { name } } });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'peel-cli-test-'));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' || content instanceof Uint8Array ? content : JSON.stringify(content, null, 1));
  return path;
}

/** Every file under a directory with its content: what "as it was" compares. */
function contents(root: string): Record<string, string> {
  if (!existsSync(root)) return {};
  const out: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      out[path.slice(root.length + 1)] = readFileSync(path, 'utf8');
    }
  }
  return out;
}

describe('all or nothing', () => {
  it('a value nested 10,000 deep in the second of three files: one line naming file and field, exit 2, no trace written', async () => {
    const a = file('a.scenario.json', format1([create('a')]));
    const deep = `{"format": "peel-scenario/1", "steps": [{"as": null, "op": "image.create", "args": {"extra_properties": {"p": ${'['.repeat(10_000)}${']'.repeat(10_000)}}}}]}`;
    const b = file('b.scenario.json', deep);
    const c = file('c.scenario.json', format1([create('c')]));
    const out = join(dir, 'out');
    const message = oneLineError(await peel('replay', '--model', 'legacy', '--out-dir', out, a, b, c));
    expect(message).toBe(`${b}: steps[0].args.extra_properties.p[0][0][0][0][0]…: nested deeper than ${MAX_DEPTH} levels (arrays and objects within each other)`);
    expect(existsSync(out)).toBe(false);
  });

  it('a bad file leaves an existing --out-dir exactly as it was', async () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'a.trace.json'), 'an older trace\n');
    const a = file('a.scenario.json', format1([create('a')]));
    const b = file('b.scenario.json', format1([{ as: alice, op: 'image.show', args: { image_id: 'x', imageid: 'y' } }]));
    const before = contents(dir);
    oneLineError(await peel('record', '--model', 'legacy', '--out-dir', out, a, b));
    expect(contents(dir)).toEqual(before);
  });

  it('writes every trace when every scenario runs, and leaves no temporary directory behind', async () => {
    const a = file('a.scenario.json', format1([create('a')]));
    const b = file('b.scenario.json', format1([create('b')]));
    const out = join(dir, 'nested', 'out');
    const r = await peel('record', '--model', 'legacy', '--out-dir', out, a, b);
    expect(r).toEqual({ code: 0, out: '', err: '' });
    expect(readdirSync(out).sort()).toEqual(['a.scenario.json', 'a.trace.json', 'b.scenario.json', 'b.trace.json']);
    expect(readFileSync(join(out, 'a.scenario.json'), 'utf8')).toBe(readFileSync(a, 'utf8'));
    expect(JSON.parse(readFileSync(join(out, 'b.trace.json'), 'utf8')).steps[0].status).toBe(201);
    expect(readdirSync(dir).sort()).toEqual(['a.scenario.json', 'b.scenario.json', 'nested']);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['out']);
  });

  it('moves new traces into an existing --out-dir beside the files already there', async () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.txt'), 'mine\n');
    writeFileSync(join(out, 'a.trace.json'), 'stale\n');
    const a = file('a.scenario.json', format1([create('a')]));
    expect((await peel('replay', '--model', 'legacy', '--out-dir', out, a)).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['a.trace.json', 'keep.txt']);
    expect(readFileSync(join(out, 'a.trace.json'), 'utf8')).toContain('"peel-trace/1"');
    expect(readdirSync(dir).sort()).toEqual(['a.scenario.json', 'out']);
  });

  it('refuses two scenarios that would write the same trace name before running either', async () => {
    mkdirSync(join(dir, 'x'));
    mkdirSync(join(dir, 'y'));
    const a = file('x/same.scenario.json', format1([create('a')]));
    const b = file('y/same.scenario.json', format1([create('b')]));
    const out = join(dir, 'out');
    expect(oneLineError(await peel('replay', '--model', 'legacy', '--out-dir', out, a, b))).toBe(`--out-dir: ${a} and ${b} would both be written as same.trace.json (peel --help for usage)`);
    expect(existsSync(out)).toBe(false);
  });
});

describe('keys that are not the format\'s own', () => {
  const protoKeys = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

  it.each(protoKeys)('config key %s is refused in format 1, naming the field', async (key) => {
    const path = file('s.scenario.json', `{"format": "peel-scenario/1", "config": {"${key}": 1}, "steps": []}`);
    expect(oneLineError(await peel('replay', '--model', 'legacy', path))).toMatch(new RegExp(`^${path}: config\\.${key}: unknown config key \\(known: `));
  });

  it.each(protoKeys)('config key %s is refused in format 2, naming the field', async (key) => {
    const path = file('s.scenario.json', `{"format": "peel-scenario/2", "config": {"${key}": 1}, "steps": []}`);
    expect(oneLineError(await peel('replay', '--model', 'legacy', path))).toMatch(new RegExp(`^${path}: config\\.${key}: unknown config key \\(known: `));
  });

  it.each(protoKeys)('%s is refused at the top, in a step, in its caller and in its args', async (key) => {
    const cases: Array<[string, string]> = [
      [`{"format": "peel-scenario/1", "${key}": 1, "steps": []}`, `${key}: unknown key`],
      [`{"format": "peel-scenario/1", "steps": [{"as": null, "op": "image.show", "args": {"image_id": "i"}, "${key}": 1}]}`, `steps[0].${key}: unknown key`],
      [`{"format": "peel-scenario/1", "steps": [{"as": {"user": "u", "${key}": 1}, "op": "image.show", "args": {"image_id": "i"}}]}`, `steps[0].as.${key}: unknown key`],
      [`{"format": "peel-scenario/1", "steps": [{"as": null, "op": "image.show", "args": {"image_id": "i", "${key}": 1}}]}`, `steps[0].args.${key}: unknown arg for image.show`],
      [`{"format": "peel-scenario/1", "steps": [{"as": null, "op": "image.create", "args": {"image": {"${key}": 1}}}]}`, `steps[0].args.image.${key}: unknown image attribute`],
      [`{"format": "peel-scenario/2", "steps": [{"as": null, "method": "GET", "path": "/v2/images", "${key}": 1}]}`, `steps[0].${key}: unknown key`],
    ];
    for (const [text, expected] of cases) {
      const path = file('s.scenario.json', text);
      expect(oneLineError(await peel('replay', '--model', 'legacy', path))).toContain(`${path}: ${expected}`);
    }
  });

  it('keeps a property named __proto__ as controller input, as Glance gets it', async () => {
    const path = file('s.scenario.json', `{"format": "peel-scenario/1", "steps": [{"as": {"user": "u", "project": "p", "roles": ["admin"]}, "op": "image.create", "args": {"extra_properties": {"__proto__": "x", "constructor": "y"}}}]}`);
    const r = await peel('replay', '--model', 'legacy', path);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out).steps[0].body;
    expect(body.__proto__).toBe('x');
    expect(body.constructor).toBe('y');
  });
});

describe('bytes and keys JSON.parse lets through', () => {
  it('refuses a duplicate key instead of keeping the last value, naming the path', async () => {
    const path = file('s.scenario.json', '{"format": "peel-scenario/1", "steps": [{"as": null, "op": "image.index", "args": {"limit": 1, "limit": 2}}]}');
    expect(oneLineError(await peel('replay', '--model', 'legacy', path))).toBe(`${path}: steps[0].args.limit: duplicate key (given at line 1 column 84 and again at line 1 column 96)`);
  });

  it('refuses a UTF-8 byte order mark with a message that says so', async () => {
    const path = file('s.scenario.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(format1([])))]));
    expect(oneLineError(await peel('replay', '--model', 'legacy', path))).toBe(`${path}: starts with a UTF-8 byte order mark (EF BB BF): save it as UTF-8 without one (the reference runner refuses it too)`);
  });

  it('refuses bytes that are not UTF-8, naming the byte offset, instead of reading U+FFFD', async () => {
    const path = file('s.scenario.json', Buffer.concat([Buffer.from('{"format": "peel-scenario/1", "name": "caf'), Buffer.from([0xe9]), Buffer.from('", "steps": []}')]));
    expect(oneLineError(await peel('replay', '--model', 'legacy', path))).toBe(`${path}: not UTF-8 at byte offset 42 (line 1): 0x22 cannot follow 0xe9`);
  });

  it('reads every recorded trace strictly too with --check, before running anything', async () => {
    const a = file('a.scenario.json', format1([create('a')]));
    file('a.trace.json', '{"format": "peel-trace/1", "steps": [], "steps": []}');
    expect(oneLineError(await peel('replay', '--model', 'legacy', '--check', a))).toBe(`${join(dir, 'a.trace.json')}: steps: duplicate key (given at line 1 column 28 and again at line 1 column 41)`);
    file('a.trace.json', '{"format": "peel-trace/2", "steps": []}');
    expect(oneLineError(await peel('replay', '--model', 'legacy', '--check', a))).toBe(`${join(dir, 'a.trace.json')}: format: expected "peel-trace/1" (the scenario is format 1)`);
  });

  it('names a missing file, a directory given as a scenario, and a missing recorded trace', async () => {
    expect(oneLineError(await peel('replay', '--model', 'legacy', join(dir, 'none.scenario.json')))).toBe(`${join(dir, 'none.scenario.json')}: no such file`);
    expect(oneLineError(await peel('replay', '--model', 'legacy', dir))).toBe(`${dir}: is not a file`);
    const a = file('a.scenario.json', format1([create('a')]));
    expect(oneLineError(await peel('replay', '--model', 'legacy', '--check', a))).toBe(`${join(dir, 'a.trace.json')}: no recorded trace beside the scenario`);
  });
});

describe('usage errors: exit 2, one line on stderr', () => {
  it('no arguments: the usage on stderr, nothing on stdout', async () => {
    const r = await peel();
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^usage:\n {2}peel replay --model legacy\|flat/);
  });

  it('--help: the usage on stdout, exit 0', async () => {
    const r = await peel('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^usage:/);
  });

  it('--out-dir that is a file', async () => {
    const a = file('a.scenario.json', format1([create('a')]));
    const notDir = file('out', 'a file\n');
    expect(oneLineError(await peel('replay', '--model', 'legacy', '--out-dir', notDir, a))).toBe(`--out-dir: ${notDir} is a file, not a directory (peel --help for usage)`);
    expect(readFileSync(notDir, 'utf8')).toBe('a file\n');
    expect(oneLineError(await peel('replay', '--model', 'legacy', '--out-dir', join(notDir, 'below'), a))).toBe(`--out-dir: ${notDir} (where it would be created) is a file, not a directory (peel --help for usage)`);
  });

  it('--out-dir that is not writable', async () => {
    const a = file('a.scenario.json', format1([create('a')]));
    // Root writes through mode bits, so for root the unwritable place is a read-only filesystem.
    const locked = process.getuid?.() === 0 ? '/proc/self' : join(dir, 'locked');
    if (locked !== '/proc/self') {
      mkdirSync(locked);
      chmodSync(locked, 0o555);
    }
    const message = oneLineError(await peel('replay', '--model', 'legacy', '--out-dir', join(locked, 'out'), a));
    expect(message).toBe(`--out-dir: ${locked} (where it would be created) is not writable (peel --help for usage)`);
  });

  it.each([
    [['replay', a()], '--model is required'],
    [['replay', '--model', 'pyramid', a()], '--model: unknown model "pyramid" (known: legacy, flat)'],
    [['replay', '--model', 'legacy'], 'no scenario files given'],
    [['record', '--model', 'legacy', a()], 'record needs --out-dir'],
    [['replay', '--model', 'legacy', a(), a()], 'several scenarios need --out-dir or --check'],
    [['frobnicate'], 'unknown command "frobnicate"'],
  ])('%j: %s', async (args, message) => {
    expect(oneLineError(await peel(...args))).toBe(`${message} (peel --help for usage)`);
  });

  it('an unknown option is one line too', async () => {
    expect(oneLineError(await peel('replay', '--model', 'legacy', '--frob', 'x'))).toMatch(/^Unknown option '--frob'.* \(peel --help for usage\)$/);
  });
});

/** A scenario path for argument-only cases: never read, since the arguments are refused first. */
function a(): string {
  return 'a.scenario.json';
}
