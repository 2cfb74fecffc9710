// Replays the web app's order tracker against real pipeline timings. The tracker (web/src/orders/
// useOrderTracking.ts) opens with the order postOrder returned (its first answer, from the Apollo
// cache), and after each answer waits pollIntervalAfter(answers so far - 1) before asking again,
// until it sees a terminal status. A request sees the terminal status when the server reads the order
// after the terminal write (taken as half-way through the request), and shows it when it answers.
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { NotMeasurable } from "../section";
import { percentile } from "../stats";

export const WEB_POLLING_MODULE = fileURLToPath(new URL("../../../../web/src/orders/pollingBackoff.ts", import.meta.url));

export type PollSchedule = (answeredPolls: number) => number;

export async function loadTrackerSchedule(): Promise<{ schedule: PollSchedule; firstIntervals: number[] }> {
  if (!existsSync(WEB_POLLING_MODULE)) throw new NotMeasurable(`${WEB_POLLING_MODULE} is missing`);
  const module = (await import(pathToFileURL(WEB_POLLING_MODULE).href)) as { pollIntervalAfter?: PollSchedule };
  if (typeof module.pollIntervalAfter !== "function") throw new NotMeasurable("web/src/orders/pollingBackoff.ts exports no pollIntervalAfter");
  const schedule = module.pollIntervalAfter;
  return { schedule, firstIntervals: Array.from({ length: 8 }, (_, index) => schedule(index)) };
}

export const fixedInterval = (ms: number): PollSchedule => () => ms;

/**
 * The web app's tracker before the change this benchmark led to: it asked at once when the
 * tracking page opened, then waited 500 ms doubling to 4 s. Replayed beside the current one so
 * the before/after is measured on the same timings.
 */
export const PREVIOUS_WEB_TRACKER = {
  description: "asked at once when the tracking page opened, then waited 500 ms doubling to 4 s",
  schedule: ((answers: number) => Math.min(500 * 2 ** answers, 4_000)) as PollSchedule,
  opensWithAnswer: false,
};

export interface OrderToTrack {
  /** ms from placement to postOrder's answer (the tracker opens then). */
  acceptedAfterMs: number;
  /** ms from placement to the terminal write. */
  terminalAfterMs: number;
}

export interface TrackingOutcome {
  requests: number;
  /** ms from the terminal write to the tracker showing it. */
  lateByMs: number;
}

/**
 * `opensWithAnswer`: the tracker starts with a status in hand (postOrder's answer), so its first
 * request waits schedule(0); otherwise it asks at once.
 */
export function replayTracker(order: OrderToTrack, schedule: PollSchedule, requestMs: number, opensWithAnswer = false): TrackingOutcome {
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

export function summarizeTracking(orders: readonly OrderToTrack[], schedule: PollSchedule, requestMs: number, opensWithAnswer = false): TrackingSummary {
  const outcomes = orders.map((order) => replayTracker(order, schedule, requestMs, opensWithAnswer));
  const requests = outcomes.map((outcome) => outcome.requests);
  const late = outcomes.map((outcome) => outcome.lateByMs);
  return {
    orders: orders.length,
    requestsP50: percentile(requests, 50),
    requestsP95: percentile(requests, 95),
    requestsMean: requests.reduce((sum, value) => sum + value, 0) / requests.length,
    lateByMsP50: percentile(late, 50),
    lateByMsP95: percentile(late, 95),
    terminalAfterMsP50: percentile(orders.map((order) => order.terminalAfterMs), 50),
    shownAfterMsP50: percentile(orders.map((order, index) => order.terminalAfterMs + outcomes[index]!.lateByMs), 50),
  };
}
