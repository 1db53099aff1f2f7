// The lean pages' form posts (lib/lean/submit.ts): the same server-action post as without
// JavaScript, marked by this header, so that scripts/server.ts answers a redirect with its address
// in a body the script can read (fetch cannot read a redirect it did not follow).
export const LEAN_POST_HEADER = "x-fuyo-lean-post";

import type { FormState } from "../actions";

export interface LeanRedirect {
  redirect: string;
}

/** A route handler's answer to a lean post: where to go, or the form's messages. */
export type LeanAnswer = LeanRedirect | { state: FormState };
