// One shape for every /api/cron/* route: Bearer CRON_SECRET first (401 otherwise), then the job,
// its summary as JSON, never cached; a failure is logged and answered 500 without details.
import { cronAuthorized } from "./cron-auth";
import { errorFields, log } from "../log";

export function cronRoute(job: string, run: () => Promise<object>): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!cronAuthorized(request.headers.get("authorization"))) {
      return Response.json({ error: "unauthorized" }, { status: 401 });
    }
    try {
      return Response.json(await run(), { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      log.error(errorFields(error), `cron: ${job} failed`);
      return Response.json({ error: `${job} failed` }, { status: 500 });
    }
  };
}
