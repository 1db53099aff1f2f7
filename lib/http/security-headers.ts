// The headers every answer carries: next.config.ts gives them to Next's answers, and the login
// route that scripts/server.ts answers itself (lib/http/fast-login.ts) sends the same list.
export const SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

// Production is served over HTTPS only; browsers ignore HSTS on plain-HTTP local runs.
const PRODUCTION_HEADERS = [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }];

export function securityHeaders(production = process.env.NODE_ENV === "production"): { key: string; value: string }[] {
  return production ? [...SECURITY_HEADERS, ...PRODUCTION_HEADERS] : [...SECURITY_HEADERS];
}
