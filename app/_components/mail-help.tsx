// What to check when a mail does not arrive — the most common reason members call the union.
export interface Contact {
  name: string;
  callCenterPhone?: string | null;
  callCenterHours?: string | null;
  supportEmail?: string | null;
}

export function MailHelp({ contact, sender }: { contact?: Contact | null; sender?: string | null }) {
  return (
    <details className="rounded-lg border border-solid-gray-300 p-4">
      <summary className="cursor-pointer font-bold">メールが届かないときは</summary>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
        <li>数分待ってから、迷惑メールフォルダ・プロモーションフォルダも確認してください。</li>
        <li>
          携帯電話会社のメール(docomo・au・SoftBank など)で受信拒否や「指定受信」を設定している場合は、
          {sender ? `「${sender}」` : "送信元のドメイン"}からのメールを受信できるよう設定してください。
        </li>
        <li>会社のメールアドレスの場合、セキュリティ設定で外部からのメールが止められていることがあります。社内の担当者に確認してください。</li>
        <li>メールアドレスに入力まちがいがないか確認してください。まちがえていた場合は、前の画面に戻って入力し直せます。</li>
        <li>認証番号を何度か送った場合は、いちばん新しいメールの番号だけが使えます。</li>
      </ul>
      {contact && <ContactDetails contact={contact} />}
    </details>
  );
}

export function ContactDetails({ contact }: { contact: Contact }) {
  return (
    <div className="mt-3 text-sm">
      <p className="font-bold">お問い合わせ先: {contact.name}</p>
      {contact.callCenterPhone && (
        <p>
          コールセンター: <a href={`tel:${contact.callCenterPhone.replace(/[^0-9+]/g, "")}`} className="text-blue-900 underline">{contact.callCenterPhone}</a>
          {contact.callCenterHours && `(${contact.callCenterHours})`}
        </p>
      )}
      {contact.supportEmail && (
        <p>
          メール: <a href={`mailto:${contact.supportEmail}`} className="text-blue-900 underline">{contact.supportEmail}</a>
        </p>
      )}
    </div>
  );
}
