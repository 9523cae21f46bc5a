/** Express hands out the Node request itself, Fastify a wrapper whose `raw` is it. */
type MaybeWrapped = { raw?: unknown };

/**
 * Per-request values of CoreSDK (audit draft, tenant scope), keyed by the Node request so
 * the server hooks (which see the Node request) and the guards and decorators (which see
 * Express's `req` or Fastify's wrapper) find the same value. Nothing is added to the
 * request object: no property a client, the application or a serialiser could reach, and
 * no change to the object's shape (a non-writable property cost ~1 µs per request; symbol
 * properties measured no cheaper than this map, by instruction count, on Express).
 */
export class NodeRequestMap<V> {
  private readonly values = new WeakMap<object, V>();

  set(request: object, value: V): void {
    this.values.set(nodeRequestOf(request), value);
  }

  get(request: object): V | undefined {
    // The request itself first: on Express it is the Node request, and reading a `raw` it
    // lacks walks Express's whole prototype chain on every call.
    const own = this.values.get(request);
    if (own !== undefined) return own;
    const raw = (request as MaybeWrapped).raw;
    return typeof raw === 'object' && raw !== null ? this.values.get(raw) : undefined;
  }
}

function nodeRequestOf(request: object): object {
  const raw = (request as MaybeWrapped).raw;
  return typeof raw === 'object' && raw !== null ? raw : request;
}
