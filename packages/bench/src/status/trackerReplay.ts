// Replays the web app's order tracker against real pipeline timings. The tracker (web/src/orders/
// useOrderTracking.ts) opens with the order postOrder returned (its first answer, from the Apollo
// cache), and after each answer waits pollIntervalAfter(answers so far - 1) before asking again,
// until it sees a terminal status. A request sees the terminal status when the server reads the order
// after the terminal write (taken as half-way through the request), and shows it when it answers.
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { NotMeasurable } from "../section";
import { mean, percentile } from "../stats";

const WEB_POLLING_MODULE = fileURLToPath(new URL("../../../../web/src/orders/pollingBackoff.ts", import.meta.url));

/** ms to wait before the next request, given how many answers the tracker has had. */
export type PollSchedule = (answers: number) => number;

export interface Tracker {
  schedule: PollSchedule;
  /** It starts with a status in hand (postOrder's answer), so its first request waits schedule(0); otherwise it asks at once. */
  opensWithAnswer: boolean;
}

/** The web app's tracker as it is now: its own schedule, opening with postOrder's answer. */
export async function loadWebTracker(): Promise<{ tracker: Tracker; firstIntervals: number[] }> {
  if (!existsSync(WEB_POLLING_MODULE)) throw new NotMeasurable(`${WEB_POLLING_MODULE} is missing`);
  const module = (await import(pathToFileURL(WEB_POLLING_MODULE).href)) as { pollIntervalAfter?: PollSchedule };
  if (typeof module.pollIntervalAfter !== "function") throw new NotMeasurable("web/src/orders/pollingBackoff.ts exports no pollIntervalAfter");
  const schedule = module.pollIntervalAfter;
  return { tracker: { schedule, opensWithAnswer: true }, firstIntervals: Array.from({ length: 8 }, (_, index) => schedule(index)) };
}

/** Naive polling: a request at once, then one every `ms`. */
export const fixedIntervalTracker = (ms: number): Tracker => ({ schedule: () => ms, opensWithAnswer: false });

// The web app's tracker before the change this benchmark led to (web/src/orders/pollingBackoff.ts
// before commit 75e8eb0), replayed beside the current one so the before/after is measured on the
// same timings.
const PREVIOUS_FIRST_WAIT_MS = 500;
const PREVIOUS_MAX_WAIT_MS = 4_000;
export const PREVIOUS_WEB_TRACKER: Tracker & { description: string } = {
  description: `asked at once when the tracking page opened, then waited ${PREVIOUS_FIRST_WAIT_MS} ms doubling to ${PREVIOUS_MAX_WAIT_MS / 1000} s`,
  schedule: (answers) => Math.min(PREVIOUS_FIRST_WAIT_MS * 2 ** answers, PREVIOUS_MAX_WAIT_MS),
  opensWithAnswer: false,
};

export interface OrderToTrack {
  /** ms from placement to postOrder's answer (the tracker opens then). */
  acceptedAfterMs: number;
  /** ms from placement to the terminal write. */
  terminalAfterMs: number;
}

interface TrackingOutcome {
  requests: number;
  /** ms from the terminal write to the tracker showing it. */
  lateByMs: number;
}

function replayTracker(order: OrderToTrack, { schedule, opensWithAnswer }: Tracker, requestMs: number): TrackingOutcome {
  const answersBefore = opensWithAnswer ? 1 : 0;
  let sentAt = order.acceptedAfterMs + (opensWithAnswer ? schedule(0) : 0);
  for (let requests = 1; requests < 10_000; requests++) {
    if (sentAt + requestMs / 2 >= order.terminalAfterMs) return { requests, lateByMs: sentAt + requestMs - order.terminalAfterMs };
    sentAt += requestMs + schedule(answersBefore + requests - 1);
  }
  throw new Error("the tracker never saw the terminal status");
}

export interface TrackingSummary {
  orders: number;
  requestsP50: number;
  requestsP95: number;
  requestsMean: number;
  lateByMsP50: number;
  lateByMsP95: number;
  /** ms from placement to the terminal write, and to the tracker showing it. */
  terminalAfterMsP50: number;
  shownAfterMsP50: number;
}

export function summarizeTracking(orders: readonly OrderToTrack[], tracker: Tracker, requestMs: number): TrackingSummary {
  const outcomes = orders.map((order) => replayTracker(order, tracker, requestMs));
  const requests = outcomes.map((outcome) => outcome.requests);
  const late = outcomes.map((outcome) => outcome.lateByMs);
  return {
    orders: orders.length,
    requestsP50: percentile(requests, 50),
    requestsP95: percentile(requests, 95),
    requestsMean: mean(requests),
    lateByMsP50: percentile(late, 50),
    lateByMsP95: percentile(late, 95),
    terminalAfterMsP50: percentile(
      orders.map((order) => order.terminalAfterMs),
      50,
    ),
    shownAfterMsP50: percentile(
      orders.map((order, index) => order.terminalAfterMs + outcomes[index]!.lateByMs),
      50,
    ),
  };
}
