// What the shop keeps besides DynamoDB, in the data folder: the queues' journal (every accepted
// message until it is deleted), the executions' journal (every execution's start, and its end
// once it ended) and the event bus's journal (every accepted event and each delivery's end). Each
// is written before the call that changed it answers, so a `kill -9` loses nothing that was
// acknowledged. The function bundles are rebuilt at every start.
import { join } from "node:path";
import { openQueueJournal } from "./sqs/queueJournal";
import { openExecutionJournal } from "./stepfunctions/executionJournal";

export const QUEUE_JOURNAL_FILE = "queues.journal";
export const EXECUTION_JOURNAL_FILE = "executions.journal";
export const EVENT_BUS_JOURNAL_FILE = "events.journal";
export const FUNCTION_BUNDLES_DIR = "function-bundles";
/** Written by `pnpm start` once the shop answers (its pid and URLs), removed on a clean stop. */
export const RUNNING_SHOP_FILE = "running-shop.json";
/** What earlier versions saved on a clean stop; `reset` removes them too. */
const EARLIER_STATE_FILES = ["queues.json", "executions.json"];

/** Every entry of the data folder that holds shop state (besides DynamoDB and the outbox). */
export const SHOP_STATE_ENTRIES = [
  QUEUE_JOURNAL_FILE,
  `${QUEUE_JOURNAL_FILE}.compacting`,
  EXECUTION_JOURNAL_FILE,
  `${EXECUTION_JOURNAL_FILE}.compacting`,
  EVENT_BUS_JOURNAL_FILE,
  `${EVENT_BUS_JOURNAL_FILE}.compacting`,
  FUNCTION_BUNDLES_DIR,
  RUNNING_SHOP_FILE,
  ...EARLIER_STATE_FILES,
];

export interface RunningShop {
  pid: number;
  apiUrl: string;
  graphqlUrl: string;
  apiKey: string;
  endpoints: { dynamodb: string; sqs: string; stepfunctions: string; sns: string; eventbridge: string };
  /** The mail inbox's API (maildev): the customer e-mails the shop sent. */
  mailApiUrl: string;
}

export function openShopJournals(dataDir: string) {
  return Promise.all([openQueueJournal(join(dataDir, QUEUE_JOURNAL_FILE)), openExecutionJournal(join(dataDir, EXECUTION_JOURNAL_FILE))]);
}
