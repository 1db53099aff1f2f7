export function Steps({ current }: { current: 1 | 2 | 3 }) {
  const steps = ["本人確認", "ユーザーID・パスワード", "メール確認"];
  return (
    <ol className="flex gap-2 text-sm" aria-label="手続きの流れ">
      {steps.map((label, i) => (
        <li
          key={label}
          aria-current={i + 1 === current ? "step" : undefined}
          className={`flex-1 rounded border-b-4 px-1 pb-1 text-center ${i + 1 === current ? "border-blue-900 font-bold text-blue-900" : "border-solid-gray-200 text-solid-gray-700"}`}
        >
          {i + 1}. {label}
        </li>
      ))}
    </ol>
  );
}
