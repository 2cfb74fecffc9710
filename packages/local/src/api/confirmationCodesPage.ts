// GET /dev/confirmation-codes: the codes the local user pool would have e-mailed, newest first —
// JSON for scripts (Accept: application/json or ?format=json), otherwise a small HTML page.
import type { IncomingMessage } from "node:http";
import type { ConfirmationCode } from "../cognito/confirmationCodes";

export function wantsJson(request: IncomingMessage): boolean {
  const format = new URL(request.url ?? "/", "http://localhost").searchParams.get("format");
  return format === "json" || (format === null && (request.headers.accept ?? "").includes("application/json"));
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

export function confirmationCodesHtml(codes: readonly ConfirmationCode[]): string {
  const rows = codes
    .map((entry) => `<tr><td>${escapeHtml(entry.destination)}</td><td><code>${escapeHtml(entry.code)}</code></td><td>${escapeHtml(entry.at)}</td></tr>`)
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Confirmation codes (local)</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.4rem .8rem;text-align:left}code{font-size:1.2em}</style></head>
<body><h1>Confirmation codes</h1>
<p>The codes the local user pool would have e-mailed (sign-up confirmation, password reset), newest first.</p>
${codes.length === 0 ? "<p>No codes yet.</p>" : `<table><thead><tr><th>E-mail</th><th>Code</th><th>Sent</th></tr></thead><tbody>\n${rows}\n</tbody></table>`}
</body></html>`;
}
