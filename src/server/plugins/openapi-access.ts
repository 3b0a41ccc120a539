import type { AccessRegistry } from './auth.js';

type OpenApiDoc = { paths?: Record<string, Record<string, Record<string, unknown>>> } & Record<
  string,
  unknown
>;

/** `/api/work-orders/:id` as OpenAPI writes it: `/api/work-orders/{id}`. */
export const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/**
 * Writes each operation's declared access into the OpenAPI document as `x-access`, so the
 * document says who may call what (the permissions table and its test read it from there).
 */
export function withAccess(input: object, registry: AccessRegistry) {
  const doc = (input as { openapiObject: OpenApiDoc }).openapiObject;
  const byPath = new Map<string, string>();
  for (const key of registry.keys()) {
    const [method, url] = key.split(' ') as [string, string];
    byPath.set(`${method.toLowerCase()} ${openApiPath(url)}`, key);
  }
  for (const [path, operations] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      const key = byPath.get(`${method} ${path}`);
      if (key) operation['x-access'] = registry.get(key);
    }
  }
  return doc;
}
