// Imported FIRST by client components that parse with zod: zod decides at schema construction
// whether it may compile parsers with `new Function`, and the page's CSP forbids eval (even the
// feature test is reported as a violation). use-enhanced-form.ts imports it for every enhanced form.
import { z } from "zod";

z.config({ jitless: true });
