// Routes that scripts/server.ts answers itself, ahead of Next's router, with handlers from the
// built app: the app registers them at start (instrumentation.ts), so they run the app's own
// modules (one database client, one logger) and the server only looks them up. Kept to the login
// post (lib/http/fast-login.ts), the one request whose cost is mostly Next's machinery around a hash.
import type { IncomingMessage, ServerResponse } from "node:http";

export interface FastRoute {
  /** Whether this request is the route's to answer (else Next answers it). */
  accepts(req: IncomingMessage): boolean;
  answer(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

const KEY = Symbol.for("fuyo.fastRoutes");
const registry = globalThis as unknown as Record<symbol, FastRoute[] | undefined>;

export function registerFastRoute(route: FastRoute): void {
  (registry[KEY] ??= []).push(route);
}

/** The registered route that takes this request, if any. */
export function fastRouteFor(req: IncomingMessage): FastRoute | undefined {
  return registry[KEY]?.find((route) => route.accepts(req));
}
