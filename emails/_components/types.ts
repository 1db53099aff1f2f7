// Props every template shares. Contact details come from the union's settings and may be unset.
export interface UnionContact {
  name: string;
  callCenterPhone?: string | null;
  callCenterHours?: string | null;
  supportEmail?: string | null;
}

export interface UnionProps {
  union: UnionContact;
}

/** Used by every template's PreviewProps (and the unit tests), so previews look like real mail. */
export const previewUnion: UnionContact = {
  name: "ジェイケーシー健康保険組合",
  callCenterPhone: "0120-000-000",
  callCenterHours: "平日 9:00〜17:00（土日祝・年末年始を除く）",
  supportEmail: "support@kenpo.example.jp",
};
