// `pnpm --filter @pizza-orders/local redrive [--wait <seconds>] [--no-wait]`: moves the
// dead-letter queue's messages back to the orders queue, lists what it moved (message and order
// ids), then follows them until each is processed or dead-lettered again (default: up to 120 s;
// a poison message needs maxReceiveCount × the visibility timeout to come back) and reports that.
import type { PipelineReport } from "../pipelineReport";
import type { RedriveReport } from "../sqs/redriveLog";
import { callShop } from "./shopApiClient";

const DEFAULT_WAIT_SECONDS = 120;
const POLL_MS = 500;

function waitSeconds(args: string[]): number {
  if (args.includes("--no-wait")) return 0;
  const index = args.indexOf("--wait");
  if (index === -1) return DEFAULT_WAIT_SECONDS;
  const seconds = Number(args[index + 1]);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error("--wait takes a number of seconds");
  return seconds;
}

const describe = (message: RedriveReport["messages"][number]) => `  ${message.messageId}  ${message.orderId ? `order ${message.orderId}` : "(names no order)"}`;

try {
  const wait = waitSeconds(process.argv.slice(2));
  const report = (await callShop("/pipeline/redrive", "POST")) as RedriveReport;
  console.log(`Moved ${report.moved} message(s) from the dead-letter queue back to the orders queue.`);
  for (const message of report.messages) console.log(describe(message));

  let latest = report;
  const deadline = Date.now() + wait * 1000;
  while (wait > 0 && latest.messages.some((message) => message.outcome === "waiting") && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const { redrives } = (await callShop("/pipeline")) as PipelineReport;
    latest = redrives.find((redrive) => redrive.redriveId === report.redriveId) ?? latest;
  }
  if (wait > 0 && report.moved > 0) {
    const count = (outcome: string) => latest.messages.filter((message) => message.outcome === outcome).length;
    console.log(`Outcome: ${count("processed")} processed, ${count("dead-lettered again")} dead-lettered again, ${count("waiting")} still waiting.`);
    for (const message of latest.messages)
      console.log(`${describe(message)}  ${message.outcome}${message.receiveCount ? ` (received ${message.receiveCount}x)` : ""}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
