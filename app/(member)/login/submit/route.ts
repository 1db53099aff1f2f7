// The login form's action (a plain form post; see lib/auth/login-form.ts for why not a server
// action). Signed in: to the top page. Refused: back to /login with the messages in a flash
// cookie, or, for the lean page's own post (lib/lean/submit.ts), the messages as JSON.
import { cookies } from "next/headers";
import { FORM_BODY_LIMIT } from "@/lib/http/body-limit";
import { LOGIN_FLASH, submitLogin } from "@/lib/auth/login-form";
import { flashCookie } from "@/lib/http/form-flash";
import { LEAN_POST_HEADER, type LeanAnswer } from "@/lib/http/lean-post";
import { seeOther } from "@/lib/uploads/http";
import { sameOrigin } from "@/lib/uploads/same-origin";

const json = (answer: LeanAnswer) => Response.json(answer, { headers: { "cache-control": "no-store" } });

export async function POST(request: Request): Promise<Response> {
  if (!sameOrigin(request.headers)) return new Response("このページからは送信できません。", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
  // The proxy, which refuses larger posts to every other form, does not see this route.
  if (Number(request.headers.get("content-length") ?? 0) > FORM_BODY_LIMIT) return new Response("入力内容が大きすぎます。", { status: 413, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  const form = await request.formData().catch(() => new FormData());
  const result = await submitLogin(form);
  const leanPost = request.headers.has(LEAN_POST_HEADER);
  const jar = await cookies();
  if (result.ok) {
    if (jar.has(LOGIN_FLASH)) jar.delete({ name: LOGIN_FLASH, path: "/login" });
    return leanPost ? json({ redirect: "/" }) : seeOther(request, "/");
  }
  if (leanPost) return json({ state: result.state });
  const flash = flashCookie(LOGIN_FLASH, "/login", result.state);
  jar.set(flash.name, flash.value, flash.options);
  return seeOther(request, "/login");
}
