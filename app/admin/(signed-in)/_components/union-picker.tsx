// The operator's union picker: a plain GET form (bookmarkable, works without JavaScript).
import type { UnionChoice } from "@/lib/admin/unions";

export function UnionPicker({ action, choices, selected, allLabel }: { action: string; choices: UnionChoice[]; selected: number | null; allLabel?: string }) {
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor="union-picker" className="block text-sm font-bold">
          健康保険組合
        </label>
        <select id="union-picker" name="union" defaultValue={selected ?? ""} className="rounded-lg border border-solid-gray-600 bg-white px-3 py-2">
          {allLabel && <option value="">{allLabel}</option>}
          {choices.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}({u.code})
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded-lg border border-blue-900 px-4 py-2 font-bold text-blue-900 hover:bg-blue-50">
        表示
      </button>
    </form>
  );
}
