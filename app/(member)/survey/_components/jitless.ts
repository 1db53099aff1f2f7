// Imported FIRST by client components that parse with zod: zod decides at schema construction
// whether it may compile parsers with `new Function`, and the page's CSP forbids eval (even the
// feature test is reported as a violation). See app/_components/use-enhanced-form.ts.
import { z } from "zod";

z.config({ jitless: true });
