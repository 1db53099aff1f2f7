// Runs once when the production server starts. Under `npm start` (scripts/server.ts) it hands the
// server the routes it answers ahead of Next's router (lib/http/fast-routes.ts).
import { CUSTOM_SERVER_FLAG } from "./lib/http/client-address";

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env[CUSTOM_SERVER_FLAG] !== "1") return;
  const { registerFastLogin } = await import("./lib/http/fast-login");
  registerFastLogin();
}
