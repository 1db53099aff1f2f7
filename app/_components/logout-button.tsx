import { logoutAction } from "@/app/(member)/logout-action";

export function LogoutButton() {
  return (
    <form action={logoutAction}>
      <button type="submit" className="w-full rounded-lg border-2 border-solid-gray-600 px-4 py-3 font-bold">ログアウト</button>
    </form>
  );
}
