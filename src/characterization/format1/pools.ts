/**
 * The small worlds generated scenarios live in: few projects, few image
 * ids, few names. Small pools make steps collide on the same images, so
 * generated scenarios reach deep states (shared, accepted, uploaded,
 * deactivated, deleted) instead of scattering over fresh ids.
 */
import type { Caller } from '../../shared/world.js';

export const IMAGE_IDS = [1, 2, 3, 4, 5].map((n) => `aaaaaaaa-0000-4000-8000-00000000000${n}`);
export const UNKNOWN_IMAGE_ID = 'aaaaaaaa-0000-4000-8000-000000000099';
export const UNKNOWN_TASK_ID = 'bbbbbbbb-0000-4000-8000-000000000099';

export const PROJECTS = ['p-alice', 'p-bob', 'p-carol'] as const;

export const CALLERS: Record<string, Caller | null> = {
  alice: { user: 'u-alice', project: 'p-alice', roles: ['member'] },
  alan: { user: 'u-alan', project: 'p-alice', roles: ['member'] },
  bob: { user: 'u-bob', project: 'p-bob', roles: ['member'] },
  carol: { user: 'u-carol', project: 'p-carol', roles: ['reader'] },
  admin: { user: 'u-admin', project: 'p-admin', roles: ['admin'] },
  nobody: { user: 'u-nobody', project: null, roles: [] },
  anonymous: null,
};

export const VISIBILITIES = ['public', 'private', 'shared', 'community'] as const;
export const DISK_FORMATS = ['raw', 'qcow2', 'iso'] as const;
export const CONTAINER_FORMATS = ['bare', 'ovf'] as const;
export const PROPERTY_KEYS = ['os_distro', 'x_foo', 'x_secret', 'hw_disk', 'spl_create_only', '42'] as const;
/** Names Glance treats specially when given as extra properties. */
export const AWKWARD_PROPERTY_KEYS = ['owner', 'locations', 'deleted', 'direct_url', 'status', 'size', 'self'] as const;
export const TAGS = ['a', 'b', 'c', 'blue'] as const;
export const LOCATION_URLS = [
  'http://example.com/images/one',
  'http://example.com/images/two',
  'https://mirror.example.org/three',
  'http://host.invalid/gone',
  'http://example.com/missing/four',
  'ftp://example.com/nope',
] as const;
export const MEMBER_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export const SORT_KEYS = ['name', 'size', 'created_at', 'updated_at', 'id', 'status', 'disk_format', 'min_disk'] as const;
