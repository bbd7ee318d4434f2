/**
 * The `first` and `next` links of a listing, as the v2 serializers build
 * them from the request's query string: `dict(req.params)` keeps each key
 * once, at its first position, with its last value; the marker goes last.
 */
type Pair = [string, unknown];

/** The query a client would have sent for these parsed index args (oracle run.py _index_query). */
export function queryPairs(args: Readonly<Record<string, unknown>>, withMemberStatus: boolean): Pair[] {
  const pairs: Pair[] = [];
  if ('limit' in args) pairs.push(['limit', args['limit']]);
  if ('marker' in args) pairs.push(['marker', args['marker']]);
  for (const key of ['sort_key', 'sort_dir']) {
    if (!(key in args)) continue;
    const v = args[key];
    for (const item of Array.isArray(v) ? v : [v]) pairs.push([key, item]);
  }
  if (withMemberStatus && 'member_status' in args) pairs.push(['member_status', args['member_status']]);
  const filters = (args['filters'] ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(filters)) {
    if (k === 'tags' && Array.isArray(v)) for (const t of v) pairs.push(['tag', t]);
    else pairs.push([k, v]);
  }
  return pairs;
}

export function collectionLinks(base: string, pairs: readonly Pair[], nextMarker: string | null): { first: string; next?: string } {
  const params = new Map<string, unknown>();
  for (const [k, v] of pairs) params.set(k, v);
  params.delete('marker');
  const query = urlencode(params);
  const links: { first: string; next?: string } = { first: query ? `${base}?${query}` : base };
  if (nextMarker !== null) {
    params.set('marker', nextMarker);
    links.next = `${base}?${urlencode(params)}`;
  }
  return links;
}

function urlencode(params: ReadonlyMap<string, unknown>): string {
  return [...params].map(([k, v]) => `${quotePlus(k)}=${quotePlus(pyStrOf(v))}`).join('&');
}

function pyStrOf(v: unknown): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null || v === undefined) return 'None';
  return String(v);
}

/** urllib.parse.quote_plus: only letters, digits and _.-~ stay as they are. */
function quotePlus(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) => {
      const c = String.fromCharCode(b);
      if (/[A-Za-z0-9_.\-~]/.test(c)) return c;
      if (c === ' ') return '+';
      return `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}
