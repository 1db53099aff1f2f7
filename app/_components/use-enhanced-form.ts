// The enhanced form for forms that still check with a zod schema in the browser: zod must be told
// not to compile parsers with `new Function` before any schema is built (the CSP forbids eval), so
// this module imports ./zod-jitless first. Forms with a plain check (lib/validation/checks.ts)
// import ./enhanced-form directly and ship no zod at all.
import "./zod-jitless";

export { useEnhancedForm } from "./enhanced-form";
