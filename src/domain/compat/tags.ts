/**
 * The image tag quota, counted as Glance 16.0.0's quota layer counts it.
 * @see glance/quota/__init__.py ImageFactoryProxy.new_image, QuotaImageTagsProxy.add
 * @see glance/api/v2/image_tags.py Controller.update, Controller.delete
 */
import { DomainError } from '../errors.js';
import { checkCount } from '../rules/quota.js';

/**
 * docs/divergence-candidates.md #16: on create the quota counts the tags
 * as given, duplicates included (before they collapse in the set).
 */
export function checkCreateTags(tags: readonly string[], quota: number): void {
  if (tags.length > 0) checkCount('tags', tags.length, quota);
}

/**
 * docs/divergence-candidates.md #16: tag.update adds the tag before the
 * quota is checked, and the save that follows happens (and notifies)
 * even when the tag was already there.
 */
export function addTagThenCheck(tags: Set<string>, tag: string, quota: number): void {
  tags.add(tag);
  checkCount('tags', tags.size, quota);
}

/**
 * docs/divergence-candidates.md #30: deleting a tag the image does not
 * have raises a bare webob HTTPNotFound, which answers webob's stock text.
 */
export function absentTag(): DomainError {
  return new DomainError('HTTPNotFound', 'The resource could not be found.');
}

/**
 * docs/divergence-candidates.md #30: tag.update's answer to the tag quota
 * ends its message with a stray ':'.
 */
export function tagLimitExceeded(imageId: string, message: string): DomainError {
  return new DomainError('HTTPRequestEntityTooLarge', `Image tag limit exceeded for image ${imageId}: ${message}:`);
}
