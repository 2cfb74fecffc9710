// Where the local user pool "sends" its e-mails: Cognito would mail a confirmation (or password
// reset) code; locally each code is appended to <data>/cognito/codes.jsonl, printed by the shop's
// log and listed on the API server's developer page /dev/confirmation-codes. A person finds the
// code there the way they would find it in their inbox. The file is read once, when the log
// opens; the latest codes are kept in memory from then on (the pool in this process is the only writer).
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";

export interface ConfirmationCode {
  /** The pool's user name (with e-mail as user name, the user's sub). */
  username: string;
  /** The e-mail address the code would have been sent to. */
  destination: string;
  code: string;
  /** ISO time it was issued. */
  at: string;
}

/** Shown on the developer page; older codes stay in the file. */
const LISTED_CODES = 100;

export class ConfirmationCodeLog {
  /** The latest LISTED_CODES codes, oldest first. */
  private readonly latest: ConfirmationCode[];

  constructor(
    readonly filePath: string,
    private readonly log: (line: string) => void,
  ) {
    mkdirSync(dirname(filePath), { recursive: true });
    const lines = existsSync(filePath)
      ? readFileSync(filePath, "utf8")
          .split("\n")
          .filter((line) => line.trim() !== "")
      : [];
    this.latest = lines.slice(-LISTED_CODES).map((line) => JSON.parse(line) as ConfirmationCode);
  }

  record(code: Omit<ConfirmationCode, "at">): void {
    const entry: ConfirmationCode = { ...code, at: new Date().toISOString() };
    appendFileSync(this.filePath, `${JSON.stringify(entry)}\n`);
    this.latest.push(entry);
    if (this.latest.length > LISTED_CODES) this.latest.shift();
    this.log(`[cognito] code for ${entry.destination}: ${entry.code}`);
  }

  /** Newest first. */
  recent(): ConfirmationCode[] {
    return [...this.latest].reverse();
  }

  /** The newest code sent to an address (what a person reads from the latest e-mail). */
  latestFor(email: string): ConfirmationCode | undefined {
    const wanted = email.toLowerCase();
    return this.recent().find((entry) => entry.destination.toLowerCase() === wanted);
  }
}
