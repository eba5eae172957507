import type { Express } from 'express';

/** One route the app answers: its method and its path template as written in the router (`/cases/:id`). */
export interface RouteInfo {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function collect(stack: Layer[], out: RouteInfo[]): void {
  for (const layer of stack) {
    if (layer.route) {
      for (const [method, on] of Object.entries(layer.route.methods))
        if (on && method !== '_all') out.push({ method: method.toUpperCase(), path: layer.route.path });
    } else if (layer.handle?.stack) {
      collect(layer.handle.stack, out);
    }
  }
}

/**
 * Every route of the app, read from Express's router stack, so a route added later is fuzzed without
 * anyone remembering to list it. Channel routers are mounted at the root and name their full paths.
 */
export function listRoutes(app: Express): RouteInfo[] {
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  const out: RouteInfo[] = [];
  collect(router.stack, out);
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
