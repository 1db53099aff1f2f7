import type { Metadata } from "next";

export const metadata: Metadata = { title: "ユーザーIDの作成" };

// Step 1 of sign-up: match the union's roster. The action and validation arrive with the member door.
export default function SignupPage() {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">ユーザーIDの作成</h1>
      <p>健康保険証(資格確認書)に記載の内容を入力し、「認証」を押してください。</p>
      <form className="space-y-4">
        {[
          ["insurerCode", "保険者指定コード"],
          ["symbol", "記号"],
          ["number", "番号"],
          ["birthDate", "生年月日"],
          ["kanaName", "氏名(カナ)"],
        ].map(([name, label]) => (
          <div key={name}>
            <label htmlFor={name} className="block font-bold">
              {label}
            </label>
            <input id={name} name={name} type={name === "birthDate" ? "date" : "text"} className="mt-1 w-full rounded border border-solid-gray-600 p-3" />
          </div>
        ))}
        <button type="submit" className="w-full rounded bg-blue-900 p-3 font-bold text-white">
          認証
        </button>
      </form>
    </section>
  );
}
