// The otpauth URI as a QR code an authenticator app can scan: one SVG path of dark modules, drawn on
// the server, so the page needs no script and no inline style (the CSP allows neither).
import QRCode from "qrcode";

export interface QrPath {
  /** Modules per side, including the 4-module quiet zone. */
  size: number;
  /** An SVG path of 1×1 squares, one per dark module. */
  d: string;
}

const QUIET_ZONE = 4;

export function qrPath(text: string): QrPath {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = modules.size;
  const parts: string[] = [];
  for (let y = 0; y < n; y++) {
    // Runs of dark modules on one row become one rectangle: a shorter path than a square per module.
    let x = 0;
    while (x < n) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && modules.get(y, x)) x++;
      parts.push(`M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${x - start}v1h${start - x}z`);
    }
  }
  return { size: n + 2 * QUIET_ZONE, d: parts.join("") };
}

/** The same code as text for a terminal (admin:create). */
export function qrTerminal(text: string): Promise<string> {
  return QRCode.toString(text, { type: "terminal", small: true, errorCorrectionLevel: "M" });
}
