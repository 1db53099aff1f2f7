// Small pieces shared by the admin route handlers (uploads, imports, exports).
import "server-only";

export const notFoundResponse = () => new Response("見つかりません", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

/**
 * Route handlers get no server-action origin check: a POST must come from our own pages. Browsers
 * send Origin on every POST; a missing one (curl, tests) is judged by the session cookie alone.
 */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** The page's script asks for progress lines; a plain form post gets a redirect instead. */
export function wantsProgress(request: Request): boolean {
  return (request.headers.get("accept") ?? "").includes("application/x-ndjson");
}

export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location } });
}

/**
 * Runs `work` and streams what it sends as JSON lines, at most a few per second. The work goes
 * on when the browser leaves: its outcome is in the database, not only in this response.
 */
export function progressResponse<T>(work: (send: (line: T) => void) => Promise<Record<string, unknown>>): Response {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  const push = (value: unknown) => {
    if (!open) return;
    try {
      controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
    } catch {
      open = false;
    }
  };
  let last = 0;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      push({ started: true });
      void work((line) => {
        const now = Date.now();
        if (now - last < 250) return;
        last = now;
        push(line);
      })
        .then((done) => push({ done: true, ...done }))
        .catch((error: unknown) => {
          console.error("admin progress work failed", error);
          push({ done: true, error: true });
        })
        .finally(() => {
          if (open) controller.close();
          open = false;
        });
    },
    cancel() {
      open = false;
    },
  });
  return new Response(stream, {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" },
  });
}
