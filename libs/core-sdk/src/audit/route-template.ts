/**
 * The matched route template (`/products/:id`) on Express (`req.route.path`, plus any
 * router prefix in `baseUrl`) or Fastify (`request.routeOptions.url`), so audit records
 * and spans group by route instead of by raw path.
 */
export function routeTemplate(request: {
  route?: { path?: string };
  baseUrl?: string;
  routeOptions?: { url?: string };
}): string | null {
  // Express first: its request has `route` as an own property, while looking up Fastify's
  // `routeOptions` on it walks Express's whole prototype chain.
  if (typeof request.route?.path === 'string')
    return `${request.baseUrl ?? ''}${request.route.path}`;
  if (request.routeOptions?.url) return request.routeOptions.url;
  return null;
}
