// The journal under the local queue and workflow: what `append` acknowledged is in the file, a
// torn last line (a crash mid-write) is dropped, compaction keeps exactly the same state, and a
// burst of appends shares writes.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { QUEUE_JOURNAL_FORMAT, type QueueContents, readQueueJournal, type StoredMessage } from "../src/sqs/queueJournal";
import { AppendOnlyJournal, type JournalFormat } from "../src/storage/appendOnlyJournal";

type Counter = { op: "set"; key: string; value: number } | { op: "delete"; key: string };
const COUNTERS: JournalFormat<Counter, Record<string, number>> = {
  empty: () => ({}),
  apply: (state, record) => {
    if (record.op === "set") state[record.key] = record.value;
    else delete state[record.key];
  },
  snapshot: (state) => Object.entries(state).map(([key, value]) => ({ op: "set", key, value })),
};

const folders: string[] = [];
function journalPath(): string {
  const folder = mkdtempSync(join(tmpdir(), "journal-test-"));
  folders.push(folder);
  return join(folder, "test.journal");
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const lines = (path: string) => readFileSync(path, "utf8").split("\n").filter(Boolean);

describe("append-only journal", () => {
  it("has every acknowledged record in the file when append resolves, and a reopen recovers the state", async () => {
    const path = journalPath();
    const { journal } = await AppendOnlyJournal.open(path, COUNTERS);
    await journal.append({ op: "set", key: "a", value: 1 });
    expect(lines(path)).toEqual([JSON.stringify({ op: "set", key: "a", value: 1 })]);
    await Promise.all([journal.append({ op: "set", key: "b", value: 2 }), journal.append({ op: "delete", key: "a" })]);
    expect(AppendOnlyJournal.read(path, COUNTERS)).toEqual({ b: 2 });
    await journal.close();
    const reopened = await AppendOnlyJournal.open(path, COUNTERS);
    await reopened.journal.close();
    expect(reopened.recovered).toEqual({ b: 2 });
  });

  it("drops a torn last line — a write a crash cut short, never acknowledged — and appends cleanly after it", async () => {
    const path = journalPath();
    const first = await AppendOnlyJournal.open(path, COUNTERS);
    await first.journal.append({ op: "set", key: "kept", value: 1 });
    await first.journal.close();
    appendFileSync(path, '{"op":"set","key":"torn","va');

    const { journal, recovered } = await AppendOnlyJournal.open(path, COUNTERS);
    expect(recovered).toEqual({ kept: 1 });
    await journal.append({ op: "set", key: "after", value: 2 });
    await journal.close();
    expect(AppendOnlyJournal.read(path, COUNTERS)).toEqual({ kept: 1, after: 2 });
  });

  it("compacts a long journal into a snapshot of the same state", async () => {
    const path = journalPath();
    const { journal } = await AppendOnlyJournal.open(path, COUNTERS, { compactAfterRecords: 50 });
    for (let round = 0; round < 20; round++) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => journal.append({ op: "set", key: `k${i}`, value: round })));
      await journal.append({ op: "delete", key: "k9" });
    }
    await journal.close();
    // 220 records were written; the file holds a snapshot plus the records since.
    expect(lines(path).length).toBeLessThan(60);
    expect(AppendOnlyJournal.read(path, COUNTERS)).toEqual(Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, 19])));
  });

  it("shares one write among appends that arrive together (group commit)", async () => {
    const path = journalPath();
    const { journal } = await AppendOnlyJournal.open(path, COUNTERS);
    const sizes: number[] = [];
    const appends = Array.from({ length: 200 }, (_, i) => journal.append({ op: "set", key: `k${i}`, value: i }).then(() => sizes.push(statSync(path).size)));
    await Promise.all(appends);
    await journal.close();
    // Appends resolved per write: far fewer distinct file sizes than appends.
    expect(new Set(sizes).size).toBeLessThan(20);
    expect(Object.keys(AppendOnlyJournal.read(path, COUNTERS))).toHaveLength(200);
  });
});

describe("queue journal format", () => {
  const message = (messageId: string): StoredMessage => ({
    messageId,
    body: messageId,
    md5OfBody: "",
    messageAttributes: {},
    sentTimestamp: 1,
    senderId: "x",
    receiveCount: 0,
    visibleAt: 1,
  });

  it("replays sends, receives, deletes and dead-letter moves, and its snapshot replays to the same contents", async () => {
    const path = journalPath();
    const { journal } = await AppendOnlyJournal.open(path, QUEUE_JOURNAL_FORMAT);
    await journal.append(
      { op: "send", queue: "orders", message: message("m1") },
      { op: "send", queue: "orders", message: message("m2") },
      { op: "send", queue: "orders", message: message("m3") },
      { op: "receive", queue: "orders", messageId: "m1", receiveCount: 4, firstReceiveTimestamp: 5, visibleAt: 6 },
      { op: "move", from: "orders", to: "dlq", message: { ...message("m1"), receiveCount: 4 } },
      { op: "delete", queue: "orders", messageId: "m2" },
      // Replayed twice (a record written again after a snapshot) changes nothing.
      { op: "delete", queue: "orders", messageId: "m2" },
    );
    await journal.close();
    const expected: QueueContents = { orders: { m3: message("m3") }, dlq: { m1: { ...message("m1"), receiveCount: 4 } } };
    expect(readQueueJournal(path)).toEqual(expected);
    const reopened = await AppendOnlyJournal.open(path, QUEUE_JOURNAL_FORMAT);
    await reopened.journal.close();
    expect(lines(path)).toHaveLength(2);
    expect(readQueueJournal(path)).toEqual(expected);
  });
});
