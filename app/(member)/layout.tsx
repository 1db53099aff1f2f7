// The member area's frame: phone first, one narrow column.
export default function MemberLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <header className="border-b border-solid-gray-200 bg-white">
        <div className="mx-auto flex max-w-xl items-center px-4 py-3">
          <span className="text-lg font-bold text-blue-900">被扶養者資格調査</span>
        </div>
      </header>
      <main className="mx-auto max-w-xl px-4 py-6">{children}</main>
    </>
  );
}
