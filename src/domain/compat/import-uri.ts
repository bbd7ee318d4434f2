/**
 * The web-download URI of an image import, read as Python's urllib reads it.
 * @see glance/common/utils.py validate_import_uri
 */
import { pyRepr } from '../../lib/python.js';
import { DomainError } from '../errors.js';

/**
 * docs/divergence-candidates.md #68: `ParseResult.port` of the URI: null
 * when absent; a port that is not an ASCII integer in 0-65535 raises
 * ValueError, which the import controller does not catch (500).
 */
export function uriPort(netloc: string): number | null {
  const hostinfo = netloc.slice(netloc.lastIndexOf('@') + 1);
  const afterBracket = hostinfo.includes('[') ? hostinfo.slice(hostinfo.indexOf(']') + 1) : hostinfo;
  const colon = afterBracket.indexOf(':');
  const text = colon < 0 ? '' : afterBracket.slice(colon + 1);
  if (!text) return null;
  if (!/^[0-9]+$/.test(text)) throw new DomainError('ValueError', `Port could not be cast to integer value as ${pyRepr(text)}`);
  const port = Number(text);
  if (port > 65535) throw new DomainError('ValueError', 'Port out of range 0-65535');
  return port;
}
