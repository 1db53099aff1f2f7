// Why an upload was refused, and the sentence the member reads next to the slot.
export type UploadRefusal = "missing" | "type" | "size" | "empty" | "pixels" | "unreadable" | "encrypted" | "retry" | "locked" | "not_found";

export const REFUSAL_MESSAGES: Record<UploadRefusal, string> = {
  missing: "ファイルが選ばれていません。アップロードするファイルを選んでください。",
  type: "このファイルの形式は受け付けられません。JPEG・PNG・HEIC(iPhoneの写真)・PDFのいずれかを選んでください。",
  size: "ファイルが大きすぎます。1ファイル10MBまでです。写真は撮り直すか、PDFはページを分けてください。",
  empty: "ファイルが空です(0バイト)。もう一度ファイルを選んでください。",
  pixels: "画像の画素数が多すぎます(5,000万画素まで)。カメラの画質設定を下げて撮り直してください。",
  unreadable: "ファイルを読み取れませんでした。壊れていないか確かめて、撮り直すか別のファイルを選んでください。",
  encrypted: "パスワードで保護されたPDFは受け付けられません。保護を解除したPDFを選んでください。",
  retry: "アップロードを完了できませんでした。通信の良い場所で、もう一度お試しください。",
  locked: "この調査票は確定しているため、書類を変更できません。",
  not_found: "この書類の欄が見つかりません。ページを読み込み直してください。",
};

export function refusalMessage(reason: UploadRefusal): string {
  return REFUSAL_MESSAGES[reason];
}
