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
  if (request.routeOptions?.url) return request.routeOptions.url;
  if (typeof request.route?.path === 'string')
    return `${request.baseUrl ?? ''}${request.route.path}`;
  return null;
}
