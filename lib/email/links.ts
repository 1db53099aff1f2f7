import { env } from "../env";

/** The login page's address for mails, from APP_URL (configuration, never request data); null when unset. */
export function loginUrl(): string | null {
  const base = env().APP_URL;
  return base ? new URL("/login", base).toString() : null;
}
