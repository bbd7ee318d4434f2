/**
 * Stories aimed at the location and store layers and the flat model's upload, download and locations: requests the rest of the generators rarely or
 * never make, each reaching behaviour the mutation runs showed unchecked
 * (`npm run survivors`).
 */
import fc from 'fast-check';
import { PyFloat, type PyJson } from '../../../lib/pyjson.js';
import type { ScenarioConfig } from '../../../shared/settings.js';
import type { Caller } from '../../../shared/world.js';
import { LAST_REF, patternBytes } from '../hostile-requests.js';
import { createBody, creatable, maker, patchOf, type GeneratedStep, type Opening } from '../story-kit.js';
import { CALLERS, w } from '../values.js';

/**
 * The image a story makes: the server names it (the story's create is a
 * maker), so the same story can run several times in one scenario.
 */
const SUBJECT = LAST_REF;
/**
 * The one external location these stories keep on an image. Uploads send its
 * own text as the data: the http store serves a URL's text, so a download
 * after the uploaded file was removed reads the same number of bytes the
 * image's size says (Glance's response would otherwise break its own
 * Content-Length).
 */
const SECOND = 'http://example.com/images/two';
const SECOND_DATA = Buffer.from(SECOND).toString('base64');
const THIRD = 'https://mirror.example.org/three';

const fileUrl = (image: string): string => `file:///var/lib/glance/images/${image}`;
const location = (url: string, metadata: PyJson = new Map()): PyJson => new Map<string, PyJson>([['url', url], ['metadata', metadata]]);

/**
 * Location metadata of every type glance_store's check_location_metadata
 * meets: text, lists and dicts pass (nested too); numbers, booleans and
 * null raise BackendException, which no controller catches (500).
 */
const METADATA: readonly PyJson[] = [
  new Map(),
  new Map([['k', 'v']]),
  new Map<string, PyJson>([['k', ['a', new Map([['b', 'c']])]]]),
  new Map<string, PyJson>([['k', 1]]),
  new Map<string, PyJson>([['k', true]]),
  new Map<string, PyJson>([['k', null]]),
  new Map<string, PyJson>([['k', new PyFloat(1.5)]]),
  new Map<string, PyJson>([['k', new Map<string, PyJson>([['n', 2]])]]),
];

/**
 * URLs a location check refuses, each at another step of
 * _check_location_uri: empty, restricted schemes, a scheme the stores do
 * not know, a malformed IPv6 host (urlparse's ValueError, which escapes the
 * check: 400 "Invalid IPv6 URL"), an object the web server does not have.
 */
const BAD_URLS = [
  '', 'http://[::1', 'https://[::1/x', 'swift+config://a/b', 'filesystem:///var/x', 'file:///etc/passwd', 'swift://a/b', 'bogus://x',
  'http://example.com/missing/four', 'http://host.invalid/gone',
] as const;

/** One PATCH body of the location story, given the image it changes. */
type LocationEdit = (image: string) => PyJson;

const LOCATION_EDITS: readonly LocationEdit[] = [
  // The uploaded file's URL again with new metadata: the same URLs skip the checks (a file URL would fail them).
  (image) => patchOf('replace', '/locations', [location(fileUrl(image), new Map([['k', 'v']]))]),
  // Another location, now and then with metadata the store refuses.
  (_) => patchOf('add', '/locations/-', location(SECOND)),
  // A location removed, then an op that fails: the data is gone but nothing is saved.
  (_) => [
    new Map<string, PyJson>([['op', 'remove'], ['path', '/locations/0']]),
    new Map<string, PyJson>([['op', 'add'], ['path', '/locations/x'], ['value', location(SECOND)]]),
  ],
  // A location added and removed in one PATCH: it has no row yet when it is popped.
  (_) => [
    new Map<string, PyJson>([['op', 'add'], ['path', '/locations/-'], ['value', location(THIRD)]]),
    new Map<string, PyJson>([['op', 'remove'], ['path', '/locations/-']]),
  ],
  (_) => patchOf('remove', '/locations/0'),
  // New URLs for an image that has some: "Original locations is not empty".
  (_) => patchOf('replace', '/locations', [location(SECOND), location(THIRD)]),
  // The same location twice in one PATCH: the second insert is a DuplicateLocation.
  (_) => [
    new Map<string, PyJson>([['op', 'add'], ['path', '/locations/-'], ['value', location(SECOND, new Map([['d', 'x']]))]]),
    new Map<string, PyJson>([['op', 'add'], ['path', '/locations/-'], ['value', location(SECOND, new Map([['d', 'x']]))]]),
  ],
];

const locationEditArb: fc.Arbitrary<LocationEdit> = fc.oneof(
  w(8, fc.constantFrom(...LOCATION_EDITS)),
  w(2, fc.constantFrom(...METADATA).map((metadata): LocationEdit => () => patchOf('add', '/locations/-', location(SECOND, metadata)))),
  w(3, fc.constantFrom(...BAD_URLS).map((url): LocationEdit => () => patchOf('add', '/locations/-', location(url)))),
);

/** Lists a queued image (no locations yet) is given: duplicates (side by side or not), bad URLs, odd metadata, a good list. */
const queuedListArb: fc.Arbitrary<PyJson> = fc.oneof(
  fc.constant<PyJson>([location(THIRD), location(THIRD)]),
  fc.constant<PyJson>([location(THIRD), location(SECOND), location(THIRD, new Map([['k', 'v']]))]),
  fc.constant<PyJson>([location(THIRD), location(SECOND), location(THIRD)]),
  fc.constantFrom(...BAD_URLS).map((url): PyJson => [location(SECOND), location(url)]),
  fc.constantFrom(...METADATA).map((metadata): PyJson => [location(THIRD, metadata)]),
);

/**
 * An image with its uploaded file and then locations added, changed and
 * removed in every way the location layer and store_utils tell apart
 * (needs show_multiple_locations; without it each edit is a 403), or a
 * queued image given a whole list; then read, downloaded, and now and then
 * deleted (its data deleted or queued for the scrubber).
 */
const locationStoryArb: fc.Arbitrary<GeneratedStep[]> = fc
  .record({
    owner: fc.constantFrom<Caller>(CALLERS.alice, CALLERS.alice, CALLERS.admin),
    visibility: fc.constantFrom('private', 'shared', 'public'),
    uploaded: fc.oneof(w(3, fc.constant(true)), w(1, fc.constant(false))),
    queuedList: queuedListArb,
    edits: fc.array(locationEditArb, { minLength: 1, maxLength: 4 }),
    member: fc.boolean(),
    end: fc.constantFrom('read', 'download', 'delete', 'delete'),
  })
  .map(({ owner, visibility, uploaded, queuedList, edits, member, end }) => {
    const image = SUBJECT;
    const patch = (json: PyJson): GeneratedStep => ({ as: owner, method: 'PATCH', path: `/v2/images/${image}`, json });
    const steps: GeneratedStep[] = [maker({ as: owner, method: 'POST', path: '/v2/images', json: createBody(null, creatable(owner, visibility), [], []) })];
    if (uploaded) {
      steps.push({ as: owner, method: 'PUT', path: `/v2/images/${image}/file`, data_b64: SECOND_DATA });
      steps.push(...edits.map((edit) => patch(edit(image))));
    } else {
      steps.push(patch(patchOf('replace', '/locations', queuedList)));
      steps.push(...edits.slice(0, 1).map((edit) => patch(edit(image))));
    }
    // A member added or removed refreshes the store ACLs of every location.
    if (member) steps.push({ as: owner, method: 'POST', path: `/v2/images/${image}/members`, json: new Map([['member', 'p-bob']]) });
    steps.push({ as: owner, method: 'GET', path: `/v2/images/${image}` });
    // A queued image's list may lose its first entry, after which the next one's data is not of the image's size.
    if (end === 'download' && uploaded) steps.push({ as: owner, method: 'GET', path: `/v2/images/${image}/file` });
    if (end === 'delete') steps.push({ as: owner, method: 'DELETE', path: `/v2/images/${image}` });
    return steps;
  });

/**
 * The four img_signature properties make the upload build a verifier,
 * which fails without a key manager: a bad hash method or key type, the
 * certificate lookup (cursive's SignatureVerificationError: 400, the image
 * killed), or a signature that is not ASCII (ValueError: 400, the image
 * back to queued). Three of the four leave the upload unsigned.
 */
const signedUploadArb: fc.Arbitrary<GeneratedStep[]> = fc
  .record({
    signature: fc.constantFrom('c2ln', 'é', ''),
    hash: fc.constantFrom('SHA-256', 'SHA-512', 'bogus'),
    keyType: fc.constantFrom('RSA-PSS', 'DSA', 'bogus'),
    all: fc.oneof(w(4, fc.constant(true)), w(1, fc.constant(false))),
    after: fc.constantFrom('read', 'upload again', 'delete'),
  })
  .map(({ signature, hash, keyType, all, after }) => {
    const [alice, image] = [CALLERS.alice, SUBJECT];
    const props: Array<[string, string]> = [
      ['img_signature', signature], ['img_signature_hash_method', hash], ['img_signature_key_type', keyType], ['img_signature_certificate_uuid', 'abc'],
    ];
    const steps: GeneratedStep[] = [
      maker({ as: alice, method: 'POST', path: '/v2/images', json: createBody(null, 'private', all ? props : props.slice(1), []) }),
      { as: alice, method: 'PUT', path: `/v2/images/${image}/file`, data_b64: 'aGVsbG8=' },
      { as: alice, method: 'GET', path: `/v2/images/${image}` },
    ];
    if (after === 'upload again') steps.push({ as: alice, method: 'PUT', path: `/v2/images/${image}/file`, data_b64: 'eA==' });
    if (after === 'delete') steps.push({ as: alice, method: 'DELETE', path: `/v2/images/${image}` });
    return steps;
  });

/**
 * Data staged twice (the second is a 409), an upload after staging, a
 * location added to the uploaded image (its size charged again), then a
 * second image of the project uploaded: the storage quota and the size cap
 * of the deployment meet uploads of a few sizes.
 */
const uploadLimitsArb: fc.Arbitrary<GeneratedStep[]> = fc
  .record({
    sizes: fc.tuple(fc.constantFrom(0, 3, 5, 8, 11, 40), fc.constantFrom(1, 3, 8, 40)),
    stage: fc.boolean(),
    addLocation: fc.boolean(),
    end: fc.constantFrom('read', 'delete'),
  })
  .map(({ sizes: [first, second], stage, addLocation, end }) => {
    const [alice, image] = [CALLERS.alice, SUBJECT];
    const create = () => maker({ as: alice, method: 'POST', path: '/v2/images', json: createBody(null, 'private', [], []) });
    return [
      create(),
      ...(stage
        ? [
            { as: alice, method: 'PUT', path: `/v2/images/${image}/stage`, data_b64: patternBytes(first) },
            { as: alice, method: 'PUT', path: `/v2/images/${image}/stage`, data_b64: patternBytes(second) },
          ]
        : []),
      { as: alice, method: 'PUT', path: `/v2/images/${image}/file`, data_b64: patternBytes(first) },
      ...(addLocation ? [{ as: alice, method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('add', '/locations/-', location(SECOND)) }] : []),
      { as: alice, method: end === 'read' ? 'GET' : 'DELETE', path: `/v2/images/${image}` },
      create(),
      { as: alice, method: 'PUT', path: `/v2/images/${image}/file`, data_b64: patternBytes(second) },
    ];
  });

/**
 * The deployment of an opening with the settings that would stop its
 * story before the store (formats without raw or bare, policy overrides,
 * property quotas) left at Glance's defaults.
 */
function storageDeployment(config: ScenarioConfig): ScenarioConfig {
  const { disk_formats: _d, container_formats: _c, policy: _p, image_property_quota: _q, ...rest } = config as ScenarioConfig & Record<string, unknown>;
  return rest as ScenarioConfig;
}

/** Where every location is shown, data is now and then deleted later, and the direct URL is shown or not. */
const locationsShownArb: fc.Arbitrary<Opening> = fc
  .tuple(locationStoryArb, fc.boolean(), fc.boolean())
  .map(([steps, delayed, direct]) => ({
    config: (config) => ({ ...storageDeployment(config), show_multiple_locations: true, delayed_delete: delayed, show_image_direct_url: direct }) as ScenarioConfig,
    steps,
  }));

/** Small storage quotas and size caps with locations shown: uploads, staging and locations meet them. */
const storageLimitsArb: fc.Arbitrary<Opening> = fc
  .tuple(uploadLimitsArb, fc.constantFrom<string | undefined>('10', '40B', '1KB', '45', undefined), fc.constantFrom<number | undefined>(8, 40, undefined))
  .map(([steps, quota, cap]) => ({
    config: (config) => ({
      ...storageDeployment(config),
      show_multiple_locations: true,
      ...(quota !== undefined ? { user_storage_quota: quota } : {}),
      ...(cap !== undefined ? { image_size_cap: cap } : {}),
    }) as ScenarioConfig,
    steps,
  }));

/** Stories placed anywhere in a scenario, with their weights against the other chunks (a single random step weighs 26). */
export const chunks: Array<fc.WeightedArbitrary<GeneratedStep[]>> = [
  w(2, locationStoryArb),
  // One weight for both upload stories.
  w(2, fc.oneof(signedUploadArb, uploadLimitsArb)),
];

/** Stories that change the deployment and open the scenario, weighed against the plain opening's 6. */
export const openings: Array<fc.WeightedArbitrary<Opening>> = [
  w(1, fc.oneof(w(2, locationsShownArb), w(1, storageLimitsArb))),
];
