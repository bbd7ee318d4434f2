import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AttributeError, PyException, ValueError } from '../../src/lib/python.js';
import {
  BackendException, BadStoreUri, Duplicate, GlanceStoreException, NotFound, StoreAddDisabled, StoreDeleteNotSupported,
  StoreRandomGetNotSupported, UnknownScheme, StoreNotFound,
} from '../../src/shared/store/exceptions.js';
import { FilesystemStore, HttpStore, MultiStore, checkLocationMetadata, createStore, filesystemOf } from '../../src/shared/store/index.js';
import { scenarioWeb } from '../../src/shared/store/http.js';
import {
  SignatureVerificationError, base64Data, getSignature, getVerifier, shouldCreateVerifier,
} from '../../src/shared/store/signature.js';
import { hostnameOf, urlparse } from '../../src/shared/store/urlparse.js';

interface Outcome {
  ok?: unknown;
  error?: string;
  message?: string;
}
interface BackendRow {
  uri: string;
  size: Outcome;
  get: Outcome;
  getOffset: Outcome;
  acls: Outcome;
  storeFromUri: Outcome;
  delete: Outcome;
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/glance-store-4.1.json', import.meta.url), 'utf8')) as {
  backend: BackendRow[];
  urlparse: Array<[string, string | [string, string, string, string, string, string, string | null]]>;
  random: Array<{ uri: string; urlparse: string | [string, string, string, string, string, string, string | null]; size: Outcome }>;
};

function outcomeOf(fn: () => unknown, root: string): Outcome {
  try {
    const ok = fn();
    return { ok: ok === undefined ? null : ok };
  } catch (e) {
    if (!(e instanceof PyException)) throw e;
    return { error: e.pyName, message: e.message.split(root).join('ROOT') };
  }
}

function text(chunks: Iterable<Buffer>): string {
  return Buffer.concat([...chunks]).toString('utf8');
}

function* chunksOf(...parts: string[]): Generator<Buffer> {
  for (const p of parts) yield Buffer.from(p);
}

describe('urlparse', () => {
  it.each(fixture.urlparse.map(([url, want]) => ({ url, want })))('splits $url as CPython 3.11 does', ({ url, want }) => {
    if (typeof want === 'string') {
      expect(() => urlparse(url)).toThrow(ValueError);
      expect(() => urlparse(url)).toThrow(want);
      return;
    }
    const p = urlparse(url);
    expect([p.scheme, p.netloc, p.path, p.params, p.query, p.fragment, hostnameOf(p.netloc)]).toEqual(want);
  });
});

describe('generated http-like URIs against CPython and glance_store 4.1', () => {
  const store = createStore(mkdtempSync(join(tmpdir(), 'peel-random-')));
  it.each(fixture.random)('$uri', ({ uri, urlparse: want, size }) => {
    if (typeof want === 'string') {
      expect(() => urlparse(uri)).toThrow(want);
    } else {
      const p = urlparse(uri);
      expect([p.scheme, p.netloc, p.path, p.params, p.query, p.fragment, hostnameOf(p.netloc)]).toEqual(want);
    }
    expect(outcomeOf(() => store.getSizeFromBackend(uri), '\0')).toEqual(size);
  });
});

describe('urlparse input coercion', () => {
  it('parses a falsy non-text value as empty and fails to decode any other, as _coerce_args does', () => {
    expect(urlparse(null).scheme).toBe('');
    expect(urlparse(0).path).toBe('');
    expect(() => urlparse(5)).toThrow(AttributeError);
    expect(() => urlparse(5)).toThrow("'int' object has no attribute 'decode'");
    expect(() => createStore(mkdtempSync(join(tmpdir(), 'peel-coerce-'))).getSizeFromBackend(null as unknown as string)).toThrow(
      "Unknown scheme '' found in URI",
    );
  });
});

describe('glance_store module API against glance_store 4.1', () => {
  let root: string;
  let store: MultiStore;
  beforeEach(() => {
    const tmp = mkdtempSync(join(tmpdir(), 'peel-store-test-'));
    root = join(tmp, 'images');
    store = createStore(root);
    // The store makes its datadir on its first write; these files come first.
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'present'), '0123456789');
    writeFileSync(join(root, 'present2'), 'abc');
    writeFileSync(join(root, 'present3'), 'xyz');
    mkdirSync(join(root, 'dir'));
  });
  afterEach(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  it.each(fixture.backend)('answers every call on $uri as glance_store does', (row) => {
    const uri = row.uri.split('ROOT').join(root);
    const dirSize = (p: string) => statSync(p).size;
    const expectSize = row.size.ok === 'DIRSIZE' ? { ok: dirSize(uri.replace(/^file:\/\//, '')) } : row.size;
    expect(outcomeOf(() => store.getSizeFromBackend(uri), root)).toEqual(expectSize);
    const read = (offset: number) => () => {
      const r = store.getFromBackend(uri, { offset });
      return [text(r.data), r.size];
    };
    expect(outcomeOf(read(0), root)).toEqual(row.get);
    expect(outcomeOf(read(1), root)).toEqual(row.getOffset);
    expect(outcomeOf(() => store.setAcls(uri, { public: true, readTenants: ['a'] }), root)).toEqual(row.acls);
    const driverName = (name: string) => (name === 'file' ? 'filesystem' : name);
    expect(outcomeOf(() => driverName(store.getStoreFromUri(uri).name), root)).toEqual(row.storeFromUri);
    if (row.delete.ok !== 'skipped') expect(outcomeOf(() => store.deleteFromBackend(uri), root)).toEqual(row.delete);
  });
});

describe('FilesystemStore', () => {
  let root: string;
  let store: MultiStore;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'peel-fs-'));
    store = createStore(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes the chunks to <root>/<id> and reports location, size, md5 and empty metadata', () => {
    const stored = store.addToBackend('img-1', chunksOf('hel', 'lo'), 0);
    expect(stored).toEqual({
      location: `file://${root}/img-1`,
      size: 5,
      checksum: '5d41402abc4b2a76b9719d911017c592',
      metadata: {},
    });
    expect(readFileSync(join(root, 'img-1'), 'utf8')).toBe('hello');
  });

  it('reads back what it wrote, in full, from an offset, or a partial length', () => {
    const { location } = store.addToBackend('img-2', chunksOf('0123456789'), 10);
    expect(text(store.getFromBackend(location).data)).toBe('0123456789');
    const partial = store.getFromBackend(location, { offset: 2, chunkSize: 3 });
    expect([text(partial.data), partial.size]).toEqual(['234', 3]);
    expect(store.getSizeFromBackend(location)).toBe(10);
  });

  it('reads large files in 64 KiB chunks', () => {
    const big = Buffer.alloc(64 * 1024 * 2 + 7, 1);
    const { location } = store.addToBackend('big', [big], big.length);
    const chunks = [...store.getFromBackend(location).data];
    expect(chunks.map((c) => c.length)).toEqual([65536, 65536, 7]);
  });

  it('refuses to overwrite an existing image file with Duplicate', () => {
    store.addToBackend('dup', chunksOf('a'), 1);
    const attempt = () => store.addToBackend('dup', chunksOf('b'), 1);
    expect(attempt).toThrow(Duplicate);
    expect(attempt).toThrow(`Image ${root}/dup already exists`);
    expect(readFileSync(join(root, 'dup'), 'utf8')).toBe('a');
  });

  it('removes the partial file when reading the data fails, and lets the error through', () => {
    class Boom extends PyException {}
    function* failing(): Generator<Buffer> {
      yield Buffer.from('part');
      throw new Boom('reader failed');
    }
    expect(() => store.addToBackend('partial', failing(), 0)).toThrow(Boom);
    expect(existsSync(join(root, 'partial'))).toBe(false);
  });

  it('feeds every written chunk to the verifier', () => {
    const seen: string[] = [];
    store.addToBackend('ver', chunksOf('ab', 'cd'), 4, { verifier: { update: (b) => seen.push(b.toString()), verify: () => {} } });
    expect(seen).toEqual(['ab', 'cd']);
  });

  it('deletes image files, then reports them not found', () => {
    const { location } = store.addToBackend('gone', chunksOf('x'), 1);
    store.deleteFromBackend(location);
    expect(existsSync(join(root, 'gone'))).toBe(false);
    expect(() => store.deleteFromBackend(location)).toThrow(NotFound);
    expect(() => store.getFromBackend(location)).toThrow(`Image ${root}/gone not found`);
  });

  it('joins an absolute image id as os.path.join does (the id wins)', () => {
    const fs = filesystemOf(store);
    expect(fs).toBeInstanceOf(FilesystemStore);
    expect(fs?.pathFor('/elsewhere')).toBe('/elsewhere');
    expect(fs?.pathFor('abc')).toBe(`${root}/abc`);
  });
});

describe('HttpStore', () => {
  const store = new MultiStore([new HttpStore()], 'http');

  it('serves the UTF-8 bytes of the URL, sized by byte length', () => {
    const r = store.getFromBackend('http://example.com/é');
    expect(text(r.data)).toBe('http://example.com/é');
    expect(r.size).toBe(Buffer.byteLength('http://example.com/é'));
  });

  it('answers 404 for .invalid hosts and /missing paths with NotFound', () => {
    for (const uri of ['http://a.invalid/x', 'https://example.com/x/missing']) {
      expect(() => store.getSizeFromBackend(uri)).toThrow(StoreNotFound);
      expect(() => store.getSizeFromBackend(uri)).toThrow('HTTP datastore could not find image at URI.');
    }
  });

  it('refuses writes with StoreAddDisabled and deletes with StoreDeleteNotSupported', () => {
    expect(() => store.addToBackend('x', chunksOf('a'), 1)).toThrow(StoreAddDisabled);
    expect(() => store.addToBackend('x', chunksOf('a'), 1)).toThrow(
      'Configuration for store failed. Adding images to this store is disabled.',
    );
    expect(() => store.deleteFromBackend('http://example.com/x')).toThrow(StoreDeleteNotSupported);
  });

  it('refuses ranged reads with StoreRandomGetNotSupported naming offset and length', () => {
    expect(() => store.getFromBackend('http://example.com/x', { chunkSize: 4 })).toThrow(StoreRandomGetNotSupported);
    expect(() => store.getFromBackend('http://example.com/x', { chunkSize: 4 })).toThrow(
      'Getting images randomly from this store is not supported. Offset: 0, length: 4',
    );
  });

  it('scenarioWeb matches hosts case-insensitively and paths by substring', () => {
    expect(scenarioWeb.content('http://X.INVALID/a')).toBeNull();
    expect(scenarioWeb.content('http://x/a/missingno')).toBeNull();
    expect(scenarioWeb.content('http://x/Missing')?.toString()).toBe('http://x/Missing');
  });
});

describe('MultiStore', () => {
  it('knows the schemes of its drivers and refuses others with UnknownScheme', () => {
    const root = mkdtempSync(join(tmpdir(), 'peel-ms-'));
    try {
      const store = createStore(root);
      expect(store.getKnownSchemes().sort()).toEqual(['file', 'filesystem', 'http', 'https']);
      expect(store.defaultScheme).toBe('file');
      expect(() => store.getStoreFromScheme('swift')).toThrow(UnknownScheme);
      expect(() => store.getStoreFromScheme('swift')).toThrow("Unknown scheme 'swift' found in URI");
      expect(() => store.addToBackend('x', chunksOf('a'), 1, { scheme: 'swift' })).toThrow(UnknownScheme);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('check_location_metadata', () => {
  const bad = (key: string, type: string) =>
    `The image metadata key ${key} has an invalid type of <class '${type}'>. Only dict, list, and unicode are supported.`;

  it('accepts text, lists and dicts of them, nested', () => {
    expect(() => checkLocationMetadata({})).not.toThrow();
    expect(() => checkLocationMetadata('text')).not.toThrow();
    expect(() => checkLocationMetadata({ a: ['x', { b: 'y' }], m: new Map([['k', 'v']]) })).not.toThrow();
  });

  it.each([
    [{ a: 1 }, bad('a', 'int')],
    [{ a: ['x', 1] }, bad('a[1]', 'int')],
    [{ a: { b: null } }, bad('b', 'NoneType')],
    [Buffer.from('x'), bad('', 'bytes')],
    [{ a: true }, bad('a', 'bool')],
    [{ a: 1.5 }, bad('a', 'float')],
    [['a', { k: Buffer.from('v') }], bad('k', 'bytes')],
  ])('refuses %j with glance_store\'s BackendException text', (value, message) => {
    expect(() => checkLocationMetadata(value)).toThrow(BackendException);
    expect(() => checkLocationMetadata(value)).toThrow(message);
  });
});

describe('glance_store exceptions', () => {
  it('format kwargs into the template, or into a given message, keeping text that does not format', () => {
    expect(new NotFound(null, { image: 'abc' }).message).toBe('Image abc not found');
    expect(new NotFound('custom %(image)s', { image: 'x' }).message).toBe('custom x');
    expect(new BadStoreUri('no kwargs %(uri)s').message).toBe('no kwargs %(uri)s');
    expect(new BadStoreUri(null, { other: 1 }).message).toBe('The Store URI was malformed: %(uri)s');
    expect(new BadStoreUri('').message).toBe('The Store URI was malformed: %(uri)s');
    const e = new Duplicate(null, { image: 'i' });
    expect(e).toBeInstanceOf(GlanceStoreException);
    expect(e.pyName).toBe('Duplicate');
    expect(e.msg).toBe('Image i already exists');
  });
});

describe('cursive signature checks without a key manager', () => {
  const args = {
    context: null,
    img_signature_certificate_uuid: 'cert-1',
    img_signature_hash_method: 'SHA-256',
    img_signature: 'aGVsbG8=',
    img_signature_key_type: 'RSA-PSS',
  };
  const failed = (reason: string) => `Signature verification for the image failed: ${reason}.`;

  it('needs all four img_signature properties before verifying', () => {
    expect(shouldCreateVerifier(new Map(Object.entries(args).filter(([k]) => k !== 'context')))).toBe(true);
    expect(shouldCreateVerifier({ img_signature: 'x', img_signature_hash_method: 'y', img_signature_key_type: 'z' })).toBe(false);
    expect(shouldCreateVerifier(null)).toBe(false);
  });

  it.each([
    [{}, failed('Unable to retrieve certificate with ID: cert-1')],
    [{ img_signature: 'abc' }, failed('The signature data was not properly encoded using base64')],
    [{ img_signature: 5 }, failed('The signature data was not properly encoded using base64')],
    [{ img_signature_hash_method: 'MD5' }, failed('Invalid signature hash method: MD5')],
    [{ img_signature_key_type: 'RSA' }, failed('Invalid signature key type: RSA')],
    [{ img_signature_key_type: 'ECC_SECT571K1' }, failed('Unable to retrieve certificate with ID: cert-1')],
    [
      { img_signature_certificate_uuid: null },
      failed('Required image properties for signature verification do not exist. Cannot verify signature. Missing property: img_signature_uuid'),
    ],
  ])('fails %j with the message Glance 16 gives', (override, message) => {
    const call = () => getVerifier({ ...args, ...override });
    expect(call).toThrow(SignatureVerificationError);
    expect(call).toThrow(message);
  });

  it('lets non-ASCII signature text escape as ValueError, as base64.b64decode does', () => {
    expect(() => getSignature('é')).toThrow(ValueError);
    expect(() => getSignature('é')).toThrow('string argument should contain only ASCII characters');
  });

  it('decodes base64 leniently like binascii: junk skipped, a full pad ends the input', () => {
    expect(base64Data('aGV sbG8=')).toBe('aGVsbG8');
    expect(base64Data('ab==cd')).toBe('ab');
    expect(base64Data('abc')).toBeNull();
    expect(base64Data('a===')).toBeNull();
  });
});
