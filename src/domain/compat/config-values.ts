/**
 * Deployment values read as Glance 16.0.0 on Python 3 reads them.
 * @see glance/api/common.py get_remaining_quota, glance/common/property_utils.py
 */

/**
 * docs/divergence-candidates.md #66: user_storage_quota matched with
 * Python's regex: `$` also matches before one trailing newline and `\d`
 * matches any Unicode decimal digit (which int() reads), so "10\n" and
 * "١٠KB" are quotas.
 */
export const STORAGE_QUOTA_PATTERN = /^(\p{Nd}+)((K|M|G|T)?B)?\n?$/u;

/**
 * docs/divergence-candidates.md #67: the property protections file's
 * section names are read with Python 3's greedy header pattern, as the
 * reference runner does (`[^[0-9]]` is the section `^[0-9]`; examples 066),
 * where Glance 16 on Python 2.7 cut the name at the first `]`.
 */
export const LEGACY_SECTION_HEADERS = false;
