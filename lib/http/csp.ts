// The Content-Security-Policy of every page. Scripts run only with this response's nonce (Next
// puts it on its own inline scripts when it finds it in the request's CSP header) and whatever
// those scripts load ('strict-dynamic'); nothing may frame us, post our forms elsewhere or change
// the base URL.
export function contentSecurityPolicy(nonce: string, { dev }: { dev: boolean }): string {
  return [
    "default-src 'self'",
    // next dev evaluates its own modules (React Refresh); production never needs eval.
    `script-src 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "report-uri /api/csp-report",
  ].join("; ");
}

/** A fresh nonce: 16 random bytes, base64 (Web Crypto, so it also runs in the proxy). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
