// The frame every email shares: heading, body, and a footer with the union's contact details.
// Kept plain (no images, one column) so it reads the same in phone mail apps and as plain text.
import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { UnionContact } from "./types";

const styles = {
  body: { backgroundColor: "#f3f4f6", margin: 0, padding: "16px 0", fontFamily: "'Hiragino Sans', 'Noto Sans JP', Meiryo, sans-serif" },
  container: { backgroundColor: "#ffffff", maxWidth: "560px", margin: "0 auto", padding: "24px 20px", borderRadius: "8px" },
  union: { fontSize: "14px", lineHeight: "1.5", color: "#374151", margin: "0 0 8px" },
  heading: { fontSize: "20px", lineHeight: "1.5", color: "#111827", margin: "0 0 16px" },
  text: { fontSize: "16px", lineHeight: "1.8", color: "#111827", margin: "0 0 12px" },
  small: { fontSize: "14px", lineHeight: "1.7", color: "#374151", margin: "0 0 6px" },
  label: { fontSize: "14px", lineHeight: "1.5", color: "#374151", margin: "16px 0 4px" },
  value: {
    fontSize: "28px",
    lineHeight: "1.4",
    fontWeight: 700,
    letterSpacing: "0.2em",
    fontFamily: "'SFMono-Regular', Menlo, Consolas, monospace",
    backgroundColor: "#eef2ff",
    color: "#111827",
    padding: "12px 16px",
    borderRadius: "6px",
    margin: "0 0 16px",
    textAlign: "center" as const,
  },
  hr: { borderColor: "#e5e7eb", margin: "24px 0 16px" },
};

export function EmailLayout(props: { union: UnionContact; preview: string; heading: string; children: ReactNode }) {
  return (
    <Html lang="ja">
      <Head>
        <meta name="format-detection" content="telephone=no" />
      </Head>
      <Preview>{props.preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.union}>{props.union.name}</Text>
          <Heading as="h1" style={styles.heading}>
            {props.heading}
          </Heading>
          {props.children}
          <Footer union={props.union} />
        </Container>
      </Body>
    </Html>
  );
}

export function P({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>;
}

export function Note({ children }: { children: ReactNode }) {
  return <Text style={styles.small}>{children}</Text>;
}

/**
 * A code or user ID in a paragraph of its own, so the plain-text part has it alone on one line
 * and a phone offers to copy just that. No spaces inside: copying must give exactly the value.
 */
export function Value({ label, value }: { label: string; value: string }) {
  return (
    <Section>
      <Text style={styles.label}>{label}</Text>
      <Text style={styles.value}>{value}</Text>
    </Section>
  );
}

export function LoginLink({ url }: { url?: string | null }) {
  if (!url) return null;
  return (
    <P>
      ログイン画面：<Link href={url}>{url}</Link>
    </P>
  );
}

function Footer({ union }: { union: UnionContact }) {
  const hasContact = Boolean(union.callCenterPhone || union.supportEmail);
  return (
    <Section>
      <Hr style={styles.hr} />
      <Note>【お問い合わせ先】{union.name}</Note>
      {union.callCenterPhone ? (
        <Note>コールセンター：{union.callCenterPhone}</Note>
      ) : null}
      {union.callCenterPhone && union.callCenterHours ? <Note>受付時間：{union.callCenterHours}</Note> : null}
      {union.supportEmail ? (
        <Note>
          メール：<Link href={`mailto:${union.supportEmail}`}>{union.supportEmail}</Link>
        </Note>
      ) : null}
      {hasContact ? null : <Note>ご不明な点は、ご加入の健康保険組合にお問い合わせください。</Note>}
      <Note>
        このメールは送信専用のアドレスからお送りしています。返信されても内容を確認できませんので、お問い合わせは上記までお願いします。
      </Note>
    </Section>
  );
}
