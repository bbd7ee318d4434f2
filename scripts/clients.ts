/**
 * `npm run clients [-- --out-dir DIR] [-- --target legacy|flat|glance ...]`:
 * a client nobody here wrote, python-glanceclient's `glance` CLI, runs one
 * scripted session against `peel serve` on each model and against the real
 * Glance 16.0.0 served by tools/glance-driver (same tokens file, same
 * deployment, each on a fresh data directory and a free port), and the
 * transcripts are compared once ids, times and the server's address are
 * normalised.
 *
 * The session: image create with --file, list with filters, sort and
 * paging, show, download, update and remove properties, protected, tags,
 * member create, accept and delete, deactivate and reactivate, upload,
 * delete, and task create, list and show, with the errors a client meets
 * on the way (403, 404, 409).
 *
 * Says clearly and exits 0 when python-glanceclient is not installed; runs
 * without the real Glance (comparing the two models only) when the driver
 * cannot start here, saying why. Exit status: 0 every transcript agrees,
 * 1 some step differs (the first differing step of each pair is printed,
 * the transcripts are in --out-dir), 2 a server could not be started.
 */
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadModel } from '../src/shared/models.js';
import { spawnListening, spawnServe, type ServedProcess } from '../src/serve/spawn.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DRIVER = join(ROOT, 'tools', 'glance-driver', 'driver.py');
const PYTHON = '/usr/bin/python3';

// ------------------------------------------------------------- the session

type Who = 'alice' | 'bob' | 'admin';

const TOKENS: Record<Who, { user: string; project: string; roles: string[] }> = {
  alice: { user: 'u-alice', project: 'p-alice', roles: ['member'] },
  bob: { user: 'u-bob', project: 'p-bob', roles: ['member'] },
  admin: { user: 'u-admin', project: 'p-admin', roles: ['admin'] },
};

/**
 * One `glance` command. In `args`, `{name}` is the id an earlier step
 * captured, `{file:name}` the path of a data file, `{out}` the path a
 * download is written to (the transcript shows its size and md5).
 */
interface Step {
  readonly as: Who;
  readonly args: readonly string[];
  /** Remember the `id` row of this command's table under this name. */
  readonly capture?: string;
}

const DATA_FILES: Record<string, Buffer> = {
  cirros: patterned('cirros', 300_000),
  ubuntu: patterned('ubuntu', 70_000),
  fedora: patterned('fedora', 1_000_000),
};

const TASK_INPUT = JSON.stringify({
  import_from: 'http://example.com/images/cirros.qcow2',
  import_from_format: 'qcow2',
  image_properties: { disk_format: 'qcow2', container_format: 'bare' },
});

const step = (as: Who, args: string[], capture?: string): Step => (capture === undefined ? { as, args } : { as, args, capture });

const SESSION: readonly Step[] = [
  // create with data, properties and visibility
  step('alice', ['image-create', '--name', 'cirros', '--disk-format', 'qcow2', '--container-format', 'bare', '--visibility', 'shared', '--min-ram', '64', '--property', 'os_distro=cirros', '--file', '{file:cirros}'], 'cirros'),
  step('alice', ['image-create', '--name', 'ubuntu', '--disk-format', 'raw', '--container-format', 'bare', '--visibility', 'private', '--property', 'os_distro=ubuntu', '--file', '{file:ubuntu}'], 'ubuntu'),
  step('alice', ['image-create', '--name', 'fedora', '--disk-format', 'qcow2', '--container-format', 'bare', '--tags', 'f1', 'f2'], 'fedora'),
  // list: filters, sort, paging
  step('alice', ['image-list']),
  step('alice', ['image-list', '--property-filter', 'os_distro=ubuntu']),
  step('alice', ['image-list', '--visibility', 'private']),
  step('alice', ['image-list', '--sort-key', 'name', '--sort-dir', 'desc']),
  step('alice', ['image-list', '--sort', 'name:asc,size:desc']),
  step('alice', ['image-list', '--page-size', '1', '--sort-key', 'name']),
  step('alice', ['image-list', '--limit', '2', '--sort-key', 'name', '--sort-dir', 'asc']),
  step('alice', ['image-list', '--tag', 'f1']),
  step('alice', ['image-list', '--sort-key', 'nope']),
  // show and download
  step('alice', ['image-show', '{cirros}']),
  step('alice', ['image-show', '--human-readable', '{ubuntu}']),
  step('alice', ['image-download', '--file', '{out}', '{cirros}']),
  step('alice', ['image-download', '--file', '{out}', '{fedora}']),
  // update and remove properties, protected
  step('alice', ['image-update', '--name', 'cirros-0.4', '--property', 'hw_disk_bus=virtio', '--property', 'foo=bar', '{cirros}']),
  step('alice', ['image-update', '--remove-property', 'foo', '--min-disk', '1', '{cirros}']),
  step('alice', ['image-update', '--protected', 'True', '{cirros}']),
  step('alice', ['image-delete', '{cirros}']),
  step('alice', ['image-update', '--protected', 'False', '{cirros}']),
  step('alice', ['image-update', '--visibility', 'public', '{ubuntu}']),
  // tags
  step('alice', ['image-tag-update', '{cirros}', 'stable']),
  step('alice', ['image-tag-update', '{cirros}', 'beta']),
  step('alice', ['image-tag-delete', '{cirros}', 'beta']),
  step('alice', ['image-list', '--tag', 'stable']),
  // members: create, accept, delete
  step('alice', ['member-create', '{cirros}', 'p-bob']),
  step('alice', ['member-list', '--image-id', '{cirros}']),
  step('bob', ['image-list']),
  step('bob', ['image-list', '--member-status', 'pending']),
  step('bob', ['member-update', '{cirros}', 'p-bob', 'accepted']),
  step('bob', ['image-list']),
  step('bob', ['image-show', '{cirros}']),
  step('bob', ['image-update', '--name', 'mine-now', '{cirros}']),
  step('alice', ['member-delete', '{cirros}', 'p-bob']),
  step('bob', ['image-show', '{cirros}']),
  // deactivate and reactivate
  step('alice', ['image-deactivate', '{cirros}']),
  step('alice', ['image-download', '--file', '{out}', '{cirros}']),
  step('admin', ['image-download', '--file', '{out}', '{cirros}']),
  step('alice', ['image-reactivate', '{cirros}']),
  step('alice', ['image-download', '--file', '{out}', '{cirros}']),
  // upload to a queued image, then delete it
  step('alice', ['image-upload', '--file', '{file:fedora}', '{fedora}']),
  step('alice', ['image-show', '{fedora}']),
  step('alice', ['image-upload', '--file', '{file:fedora}', '{fedora}']),
  step('alice', ['image-delete', '{fedora}']),
  step('alice', ['image-show', '{fedora}']),
  step('alice', ['image-show', '00000000-0000-4000-8000-000000000000']),
  // tasks
  step('admin', ['task-create', '--type', 'import', '--input', TASK_INPUT], 'task'),
  step('admin', ['task-list']),
  step('admin', ['task-list', '--sort-key', 'status', '--sort-dir', 'asc']),
  step('admin', ['task-show', '{task}']),
  step('alice', ['task-list']),
  // admin sees all; publicize
  step('admin', ['image-update', '--visibility', 'public', '{ubuntu}']),
  step('bob', ['image-list', '--visibility', 'public']),
  step('admin', ['image-list', '--sort-key', 'name']),
  step('alice', ['image-delete', '{ubuntu}', '{cirros}']),
  step('alice', ['image-list']),
];

/** Deterministic bytes, so every server stores the same checksums. */
function patterned(seed: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  let block = createHash('sha256').update(seed).digest();
  for (let at = 0; at < size; at += block.length) {
    block.copy(out, at);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

// ------------------------------------------------------------ transcripts

interface Transcript {
  readonly target: string;
  /** Per step, the normalised text: command, exit status, stdout, stderr. */
  readonly steps: string[];
}

interface Workspace {
  readonly dir: string;
  readonly tokens: string;
  readonly files: Record<string, string>;
}

function workspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'peel-clients-'));
  const tokens = join(dir, 'tokens.json');
  writeFileSync(tokens, JSON.stringify(Object.fromEntries(Object.entries(TOKENS).map(([who, id]) => [`token-${who}`, id])), null, 1));
  const files: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(DATA_FILES)) {
    files[name] = join(dir, `${name}.img`);
    writeFileSync(files[name] as string, bytes);
  }
  return { dir, tokens, files };
}

/** The session against one server, one command after the other. */
async function runSession(target: string, url: string, ws: Workspace): Promise<Transcript> {
  const captured = new Map<string, string>();
  const out = join(ws.dir, `${target}.download`);
  const steps: string[] = [];
  for (const [k, s] of SESSION.entries()) {
    const args = s.args.map((a) =>
      a.replace(/\{file:(\w+)\}/g, (_, n: string) => ws.files[n] ?? '?').replace('{out}', out).replace(/\{(\w+)\}/g, (whole, n: string) => captured.get(n) ?? whole),
    );
    rmSync(out, { force: true });
    const r = await glance(url, `token-${s.as}`, args);
    if (s.capture !== undefined) {
      const id = /^\|\s*id\s*\|\s*([0-9a-f-]{36})\s*\|/m.exec(r.stdout)?.[1];
      if (id !== undefined) captured.set(s.capture, id);
    }
    const downloaded = existsSync(out) ? describeFile(out) : '';
    const shown = s.args.map((a) => (a.startsWith('{file:') ? a.slice(6, -1) + '.img' : a === '{out}' ? 'OUT' : a));
    steps.push(`[${k}] ${s.as}$ glance ${shown.join(' ')}\nexit ${r.status}\n${r.stdout}${r.stderr ? `--- stderr\n${r.stderr}` : ''}${downloaded}`);
  }
  return { target, steps: normalise(steps, url) };
}

function describeFile(path: string): string {
  const bytes = readFileSync(path);
  return `--- downloaded ${bytes.length} bytes, md5 ${createHash('md5').update(bytes).digest('hex')}\n`;
}

/**
 * One `glance` command. Its standard input is closed (`<&-`): glanceclient
 * reads image data from any other standard input that is not a terminal,
 * so `image-create` without --file would upload an empty image.
 */
function glance(url: string, token: string, args: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', LANG: 'C.UTF-8', PYTHONWARNINGS: 'ignore' };
  const argv = ['-c', 'exec "$0" "$@" <&-', 'glance', '--os-image-url', url, '--os-image-api-version', '2', '--os-auth-token', token, ...args];
  return new Promise((resolve) => {
    execFile('sh', argv, { encoding: 'utf8', env, timeout: 300_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ status, stdout, stderr });
    });
  });
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?/g;

/**
 * A list of quoted strings (`["b", "a"]`, `['b', 'a']`) sorted: Glance
 * keeps tags in a Python set and answers them in set order, which changes
 * with the interpreter's hash seed (format 2 sorts them for the same reason).
 */
function sortQuotedLists(text: string): string {
  return text.replace(/\[((?:"[^"]*"|'[^']*')(?:, (?:"[^"]*"|'[^']*'))+)\]/g, (_, items: string) => `[${items.split(', ').sort().join(', ')}]`);
}

/** Generated ids numbered by first appearance, times and the server's address replaced, tag lists sorted; table widths kept. */
function normalise(steps: string[], url: string): string[] {
  const numbers = new Map<string, string>();
  const fixed = new Set(['00000000-0000-4000-8000-000000000000']);
  const host = url.replace(/^http:\/\//, '');
  return steps.map((text) =>
    sortQuotedLists(text)
      .split(host)
      .join('SERVER')
      .replace(UUID, (u) => {
        if (fixed.has(u)) return u;
        if (!numbers.has(u)) numbers.set(u, `<uuid-${numbers.size + 1}>`.padEnd(36));
        return numbers.get(u) as string;
      })
      .replace(TIME, (t) => '<time>'.padEnd(t.length)),
  );
}

// ----------------------------------------------------------------- targets

interface Target {
  readonly name: string;
  start(ws: Workspace): Promise<ServedProcess>;
}

function peelTarget(model: 'legacy' | 'flat'): Target {
  return { name: model, start: (ws) => spawnServe(['--model', model, '--port', '0', '--tokens', ws.tokens]) };
}

const GLANCE_TARGET: Target = {
  name: 'glance',
  start: (ws) => spawnListening(PYTHON, [DRIVER, 'serve', '--port', '0', '--tokens', ws.tokens], { timeoutMs: 300_000 }),
};

/** Why python-glanceclient cannot run here, or null. */
function clientMissing(): string | null {
  const r = spawnSync('glance', ['--version'], { encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) return 'python-glanceclient is not installed (Debian: apt-get install python3-glanceclient)';
  return null;
}

/** Why the real Glance cannot be served here, or null. */
function driverMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} is missing`;
  const r = spawnSync(PYTHON, [DRIVER, 'check'], { encoding: 'utf8' });
  if (r.status === 0) return null;
  return (r.stderr || r.stdout).trim() || `driver.py check exited ${r.status}`;
}

async function flatAnswersHttp(): Promise<boolean> {
  return (await loadModel('flat')).openHttp !== undefined;
}

async function sessionOn(target: Target, ws: Workspace): Promise<Transcript> {
  let server: ServedProcess;
  try {
    server = await target.start(ws);
  } catch (e) {
    throw new Error(`cannot start ${target.name}: ${(e as Error).message}`);
  }
  process.stderr.write(`clients: ${SESSION.length} glance commands against ${target.name} at ${server.url}\n`);
  try {
    return await runSession(target.name, server.url, ws);
  } finally {
    await server.stop();
  }
}

// -------------------------------------------------------------- comparison

function firstDifference(a: Transcript, b: Transcript): string | null {
  for (let k = 0; k < Math.max(a.steps.length, b.steps.length); k++) {
    const x = a.steps[k] ?? '';
    const y = b.steps[k] ?? '';
    if (x !== y) return `step ${k}:\n--- ${a.target}\n${x}--- ${b.target}\n${y}`;
  }
  return null;
}

function agreeingSteps(a: Transcript, b: Transcript): number {
  return a.steps.filter((s, k) => s === b.steps[k]).length;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string' }, target: { type: 'string', multiple: true } } });
  const missing = clientMissing();
  if (missing !== null) {
    process.stdout.write(`clients: skipped: ${missing}\n`);
    return 0;
  }
  const wanted = new Set(values.target ?? ['legacy', 'flat', 'glance']);
  const targets: Target[] = [];
  if (wanted.has('glance')) {
    const why = driverMissing();
    if (why === null) targets.push(GLANCE_TARGET);
    else process.stdout.write(`clients: the real Glance is left out: ${why}\n`);
  }
  if (wanted.has('legacy')) targets.push(peelTarget('legacy'));
  if (wanted.has('flat')) {
    if (await flatAnswersHttp()) targets.push(peelTarget('flat'));
    else process.stdout.write('clients: the flat model is left out: it does not answer HTTP yet\n');
  }
  const ws = workspace();
  let transcripts: Transcript[];
  try {
    // The sessions run side by side, one server each: most of a command's time is the client's own start-up.
    transcripts = await Promise.all(targets.map((t) => sessionOn(t, ws)));
  } catch (e) {
    process.stderr.write(`clients: ${(e as Error).message}\n`);
    return 2;
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
  if (values['out-dir'] !== undefined) {
    const dir = resolve(values['out-dir']);
    mkdirSync(dir, { recursive: true });
    for (const t of transcripts) writeFileSync(join(dir, `${t.target}.transcript.txt`), t.steps.join('\n'));
  }
  return report(transcripts);
}

/** Every transcript against the first (the real Glance when it ran). */
function report(transcripts: readonly Transcript[]): number {
  const [reference, ...others] = transcripts;
  if (reference === undefined || others.length === 0) {
    process.stdout.write('clients: fewer than two servers ran; nothing to compare\n');
    return transcripts.length === 0 ? 2 : 0;
  }
  let differing = 0;
  for (const other of others) {
    const diff = firstDifference(reference, other);
    const agree = agreeingSteps(reference, other);
    process.stdout.write(`${diff === null ? 'same   ' : 'DIFFERS'} ${other.target} vs ${reference.target}: ${agree} of ${SESSION.length} steps agree\n`);
    if (diff !== null) {
      differing++;
      process.stdout.write(diff.replace(/^/gm, '    ') + '\n');
    }
  }
  return differing === 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`clients: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 2;
  },
);
