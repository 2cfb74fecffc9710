// Where a person finds the codes the local user pool "e-mails": the shop's log, the codes file
// (newest first on the developer page), and the page's HTML that shows the address as text.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { confirmationCodesHtml } from "../src/api/confirmationCodesPage";
import { ConfirmationCodeLog } from "../src/cognito/confirmationCodes";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function codesFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "pizza-codes-"));
  dirs.push(dir);
  return join(dir, "cognito", "codes.jsonl");
}

describe("confirmation codes", () => {
  it("prints each code in the shop's log and keeps it in the file, newest first, across instances", () => {
    const file = codesFile();
    const printed: string[] = [];
    const log = new ConfirmationCodeLog(file, (line) => printed.push(line));
    log.record({ username: "u1", destination: "ana@example.com", code: "111111" });
    log.record({ username: "u2", destination: "bo@example.com", code: "222222" });
    log.record({ username: "u1", destination: "Ana@example.com", code: "333333" });

    expect(printed).toEqual([
      "[cognito] code for ana@example.com: 111111",
      "[cognito] code for bo@example.com: 222222",
      "[cognito] code for Ana@example.com: 333333",
    ]);
    const reopened = new ConfirmationCodeLog(file, () => {});
    expect(reopened.recent().map((entry) => entry.code)).toEqual(["333333", "222222", "111111"]);
    expect(reopened.latestFor("ana@example.com")?.code).toBe("333333");
    expect(reopened.latestFor("nobody@example.com")).toBeUndefined();
  });

  it("shows addresses as text on the page, never as markup", () => {
    const html = confirmationCodesHtml([{ username: "u", destination: "<script>alert(1)</script>@x.com", code: "123456", at: "2026-01-01T00:00:00.000Z" }]);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#60;script&#62;");
    expect(html).toContain("123456");
  });
});
