// Our standard 利用規約 (our own wording). `union:create` publishes it as a new union's first
// version with the union's name; unions replace it from /admin/settings.
export const STANDARD_TERMS_TITLE = "被扶養者資格調査システム 利用規約";

/** The standard text naming the union, e.g. 「JKCデモ健康保険組合(以下「当組合」)」. */
export function standardTermsBody(unionName: string): string {
  return `第1条(目的)
この規約は、${unionName}(以下「当組合」)が提供する被扶養者資格調査システム(以下「本システム」)の利用条件を定めるものです。

第2条(利用者)
本システムを利用できるのは、当組合の被保険者ご本人です。ユーザーIDはお一人につき一つとし、他の方と共有しないでください。

第3条(ユーザーIDとパスワードの管理)
ユーザーIDとパスワードはご自身で管理してください。第三者に知られたおそれがある場合は、すぐにパスワードを変更し、当組合にご連絡ください。

第4条(同時ログインの禁止)
同じユーザーIDで複数の端末から同時にログインすることはできません。新しくログインすると、それまでの端末は自動的にログアウトします。

第5条(個人情報の取扱い)
本システムに入力された情報と提出された書類は、被扶養者の資格確認のためにのみ利用し、法令に基づく場合を除き第三者に提供しません。マイナンバー(個人番号)が記載された書類は提出しないでください。

第6条(禁止事項)
虚偽の申告、他人になりすましての利用、本システムの運営を妨げる行為を禁止します。

第7条(規約の変更)
当組合は、この規約を変更することがあります。変更後に初めてログインしたときに、改めて同意をお願いします。`;
}

/** The standard terms for a union: what union:create publishes as version 1. */
export function standardTerms(unionName: string): { title: string; body: string } {
  return { title: STANDARD_TERMS_TITLE, body: standardTermsBody(unionName) };
}
