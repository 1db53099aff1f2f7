// `npm start`: Next's production server behind a thin Node HTTP server of our own, for one reason:
// Next hides the socket address (it only fills X-Forwarded-For in when a client did not send one),
// so it cannot tell a client's own X-Forwarded-For from a proxy's. Here the socket is known: the
// client address is worked out once (TRUSTED_PROXIES hops from the right) and handed to the app in
// an internal header that no client can set.
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { randomUUID } from "node:crypto";
import next from "next";
import { envOrExit } from "../lib/env";
import { clientAddress, CUSTOM_SERVER_FLAG, SOCKET_HEADER } from "../lib/http/client-address";
import { fastRouteFor } from "../lib/http/fast-routes";
import { holdMemberDocument, isMemberDocument } from "../lib/http/lean-response";
import { errorFields, log, requestContext, type RequestContext } from "../lib/log";

const { values } = parseArgs({
  options: { hostname: { type: "string", short: "H" }, port: { type: "string", short: "p" } },
  allowPositionals: false,
});
(process.env as Record<string, string>).NODE_ENV = "production";
process.env[CUSTOM_SERVER_FLAG] = "1";
const e = envOrExit();
const hostname = values.hostname ?? process.env.HOSTNAME ?? "0.0.0.0";
const port = Number(values.port ?? e.PORT ?? 3000);

// Next reports request errors with console.error, outside pino: the text of a failed query would
// carry its parameters (addresses, hashes) into the log. Route those lines through the logger, with
// errors reduced to what errorFields() keeps.
for (const level of ["error", "warn"] as const) {
  console[level] = (...args: unknown[]) => {
    const error = args.find((a) => a instanceof Error);
    const text = args.filter((a) => typeof a === "string").join(" ").split("\nparams:")[0].slice(0, 500);
    log[level]({ ...(error ? errorFields(error) : {}), source: "next" }, text || "next reported an error");
  };
}

const app = next({ dev: false, hostname, port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  const started = process.hrtime.bigint();
  const forwarded = req.headers["x-forwarded-for"];
  const ip = clientAddress(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, e.TRUSTED_PROXIES);
  // Both headers are ours alone: whatever a client sent under these names is replaced.
  req.headers[SOCKET_HEADER] = ip;
  const context: RequestContext = { requestId: randomUUID() };
  req.headers["x-request-id"] = context.requestId;
  res.on("finish", () => {
    // The path only: query strings can carry addresses (the mailbox's ?to=).
    const path = (req.url ?? "").split("?")[0].slice(0, 200);
    if (path.startsWith("/_next/static/")) return;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    requestContext.run(context, () => log.info({ method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10, ip }, "request"));
  });
  // The login post is answered here, by the app's own handler, without Next's router.
  const fast = fastRouteFor(req);
  if (fast) return requestContext.run(context, () => void fast.answer(req, res));
  // Member pages that opt in are sent without Next's browser runtime (lib/http/lean-html.ts).
  if (isMemberDocument(req)) holdMemberDocument(req, res);
  requestContext.run(context, () => void handle(req, res));
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  log.info({ hostname, port, trustedProxies: e.TRUSTED_PROXIES }, "server ready");
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    // Keep-alive sockets would hold close() open; give in-flight requests a moment.
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
