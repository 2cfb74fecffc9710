// Live status through the local API's AppSync real-time endpoint, measured with the client the web
// app uses (Apollo over aws-appsync-subscription-link, one socket per screen as each browser has
// its own). A screen is a signed-in customer's "My orders" (onCustomerOrderUpdates): it subscribes
// before the customer orders, so it can receive every committed change of the order, QUEUED
// included. "Shown after commit" = the moment the update arrives − the change's own commit time
// (OrderUpdate.at, the time in the stored status history; same machine, same clock).
//
// Only the changes the pipeline makes are measured (whatever the order's history holds once its
// execution has ended — QUEUED → PENDING_PAYMENT → the paid status), so kitchen stages, which need
// a cook, do not enter the figures.
//
// While its socket is healthy a screen polls only if the web app's own rule (shouldPoll, imported
// from web/src/live/liveConnection.ts) says so; every status request it sends is counted by the
// state the socket was in, so a web change that polls while live shows up here.
import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type SignedInCustomer, signUpCustomer } from "../../../local/test/support/customers";
import { ON_CUSTOMER_ORDER_UPDATES, type Subscriber, subscribe } from "../../../local/test/support/subscriptionClient";
import { waitFor } from "../../../local/test/support/waitFor";
import { runBounded } from "../load";
import type { OrderTiming, PipelineRunResult, PlaceAs } from "../pipeline/pipelineRuns";
import type { ShopClient, ShopEndpoints } from "../pipeline/shopClient";
import { NotMeasurable } from "../section";
import { type LatencySummary, mean, summarizeLatencies } from "../stats";
import { fixedIntervalTracker, type OrderToTrack, summarizeTracking, type Tracker, type TrackingSummary } from "./trackerReplay";

const WEB_LIVE_MODULE = fileURLToPath(new URL("../../../../web/src/live/liveConnection.ts", import.meta.url));
const MY_ORDERS_QUERY = "query MyOrders { myOrders(limit: 20) { items { id orderStatus } } }";
/** After the executions ended, how long the last pushes may still take to arrive. */
const DELIVERY_GRACE_MS = 15_000;

type LiveState = "connecting" | "live" | "reconnecting" | "unavailable";
type ShouldPoll = (state: LiveState) => boolean;

export async function loadWebPollingRule(): Promise<ShouldPoll> {
  if (!existsSync(WEB_LIVE_MODULE)) throw new NotMeasurable(`${WEB_LIVE_MODULE} is missing`);
  const module = (await import(pathToFileURL(WEB_LIVE_MODULE).href)) as { shouldPoll?: ShouldPoll };
  if (typeof module.shouldPoll !== "function") throw new NotMeasurable("web/src/live/liveConnection.ts exports no shouldPoll");
  return module.shouldPoll;
}

/** A customer's "My orders" screen: one socket, one subscription, the web app's polling rule. */
class Screen {
  readonly subscriber: Subscriber;
  requestsWhileLive = 0;
  requestsWhileDown = 0;
  private polling = true;

  constructor(
    shop: ShopEndpoints,
    readonly customer: SignedInCustomer,
    private readonly client: ShopClient,
    private readonly shouldPoll: ShouldPoll,
    private readonly pollEveryMs: number,
  ) {
    this.subscriber = subscribe(shop, { token: customer.idToken }, ON_CUSTOMER_ORDER_UPDATES, { customerId: customer.sub });
  }

  get state(): LiveState {
    if (this.subscriber.ended) return "reconnecting";
    return this.subscriber.started ? "live" : "connecting";
  }

  /** Polls while the web app's rule says so, counting each request by the socket's state. */
  async pollLoop(): Promise<void> {
    while (this.polling) {
      const state = this.state;
      if (this.shouldPoll(state)) {
        if (state === "live") this.requestsWhileLive++;
        else this.requestsWhileDown++;
        await this.client.graphql(MY_ORDERS_QUERY, {}, { token: this.customer.idToken }).catch(() => undefined);
      }
      await sleep(this.pollEveryMs);
    }
  }

  stop(): void {
    this.polling = false;
    this.subscriber.stop();
  }
}

export interface LiveRunFigures {
  scenario: string;
  orders: number;
  /** Committed status changes of those orders (their stored histories). */
  changes: number;
  /** Changes that reached the screen by push / never reached it / arrived more than once. */
  pushed: number;
  missing: number;
  duplicates: number;
  /** Every change: ms from commit to the screen. */
  shownAfterCommitMs: LatencySummary;
  /** The pipeline's last change of each order (the paid status): ms from commit to the screen. */
  lastChangeShownAfterMs: LatencySummary;
  /** Today's polling tracker replayed on the same orders: how late it shows that last change. */
  polling: TrackingSummary;
  /** The slowest fixed polling interval whose replay on the same orders shows the last change at least as fresh (p95) as the push did. */
  sameFreshnessPolling: { intervalMs: number; reached: boolean; summary: TrackingSummary };
  /** Status requests per order the screens sent while their socket was healthy (target 0), and while it was not. */
  statusRequestsPerOrderWhileLive: number;
  statusRequestsPerOrderWhileDown: number;
  /** ms each order's screen needed the socket for it: acceptance → its last change shown. */
  socketMsPerOrder: number;
}

interface LiveOptions {
  customers: number;
  singles: number;
  steadyRate: number;
  steadySeconds: number;
  timeoutMs: number;
  tracker: Tracker;
  trackerRequestMs: number;
}

export interface LiveStatusRuns {
  customers: number;
  runs: LiveRunFigures[];
}

type RunOrders = (placeAs: PlaceAs) => Promise<PipelineRunResult>;

export async function signUpCustomers(shop: ShopEndpoints, count: number): Promise<SignedInCustomer[]> {
  return runBounded(count, 4, () => signUpCustomer(shop, { confirmWith: "admin" }));
}

/** Idle (one order at a time) and a steady rate, each with fresh screens that are live before the first order. */
export async function measureLiveStatus(
  client: ShopClient,
  shop: ShopEndpoints,
  options: LiveOptions,
  run: { singles: RunOrders; steady: RunOrders },
): Promise<LiveStatusRuns> {
  const shouldPoll = await loadWebPollingRule();
  const customers = await signUpCustomers(shop, options.customers);
  const runs: LiveRunFigures[] = [];
  for (const runOrders of [run.singles, run.steady]) {
    const screens = customers.map((customer) => new Screen(shop, customer, client, shouldPoll, options.tracker.schedule(0)));
    try {
      await Promise.all(screens.map((screen) => screen.subscriber.whenStarted()));
      const polls = screens.map((screen) => screen.pollLoop());
      const result = await runOrders((index) => ({ token: customers[index % customers.length]!.idToken }));
      const byCustomer = new Map(screens.map((screen, index) => [customers[index]!.idToken, screen]));
      const screenOf = (index: number) => byCustomer.get(customers[index % customers.length]!.idToken)!;
      const orderScreens = result.timings.map((timing, index) => ({ timing, screen: screenOf(index) }));
      await waitForPushes(orderScreens);
      for (const screen of screens) screen.stop();
      await Promise.all(polls);
      runs.push(figuresOf(result, orderScreens, screens, options));
    } finally {
      for (const screen of screens) screen.stop();
    }
  }
  return { customers: customers.length, runs };
}

/** Every stored change of every order has reached its screen, or the grace period is over (the rest count as missing). */
async function waitForPushes(orderScreens: Array<{ timing: OrderTiming; screen: Screen }>): Promise<void> {
  const arrived = () =>
    orderScreens.every(({ timing, screen }) =>
      timing.statusHistory.every((change) => screen.subscriber.updates.some((update) => update.orderId === timing.id && update.orderStatus === change.status)),
    );
  await waitFor(async () => arrived(), Boolean, "every change pushed to its screen", DELIVERY_GRACE_MS).catch(() => undefined);
}

function figuresOf(
  result: PipelineRunResult,
  orderScreens: Array<{ timing: OrderTiming; screen: Screen }>,
  screens: Screen[],
  options: LiveOptions,
): LiveRunFigures {
  const shown: number[] = [];
  const lastShown: number[] = [];
  const socketMs: number[] = [];
  let changes = 0;
  let pushed = 0;
  let duplicates = 0;
  for (const { timing, screen } of orderScreens) {
    const { updates, receivedAt } = screen.subscriber;
    let lastArrival = Number.NaN;
    timing.statusHistory.forEach((change, position) => {
      changes++;
      const arrivals = updates.flatMap((update, index) =>
        update.orderId === timing.id && update.orderStatus === change.status ? [{ update, at: receivedAt[index]! }] : [],
      );
      if (arrivals.length === 0) return;
      pushed++;
      duplicates += arrivals.length - 1;
      const late = arrivals[0]!.at - Date.parse(arrivals[0]!.update.at);
      shown.push(late);
      if (position === timing.statusHistory.length - 1) {
        lastShown.push(late);
        lastArrival = arrivals[0]!.at;
      }
    });
    if (!Number.isNaN(lastArrival)) socketMs.push(lastArrival - timing.acceptedAt);
  }
  const sum = (pick: (screen: Screen) => number) => screens.reduce((total, screen) => total + pick(screen), 0);
  const ordersToTrack: OrderToTrack[] = result.timings.map((timing) => ({
    acceptedAfterMs: timing.acceptedAt - timing.sentAt,
    terminalAfterMs: Date.parse(timing.statusHistory.at(-1)!.at) - timing.sentAt,
  }));
  const lastChange = summarizeLatencies(lastShown);
  return {
    scenario: result.label,
    orders: result.orders,
    changes,
    pushed,
    missing: changes - pushed,
    duplicates,
    shownAfterCommitMs: summarizeLatencies(shown),
    lastChangeShownAfterMs: lastChange,
    polling: summarizeTracking(ordersToTrack, options.tracker, options.trackerRequestMs),
    sameFreshnessPolling: sameFreshnessPolling(ordersToTrack, lastChange.p95, options.trackerRequestMs),
    statusRequestsPerOrderWhileLive: sum((screen) => screen.requestsWhileLive) / Math.max(1, result.orders),
    statusRequestsPerOrderWhileDown: sum((screen) => screen.requestsWhileDown) / Math.max(1, result.orders),
    socketMsPerOrder: mean(socketMs),
  };
}

const CANDIDATE_INTERVALS_MS = [2_000, 1_000, 500, 250, 100, 50, 25, 10, 5, 2, 1];

function sameFreshnessPolling(orders: OrderToTrack[], pushP95Ms: number, requestMs: number): LiveRunFigures["sameFreshnessPolling"] {
  for (const intervalMs of CANDIDATE_INTERVALS_MS) {
    const summary = summarizeTracking(orders, fixedIntervalTracker(intervalMs), requestMs);
    if (summary.lateByMsP95 <= pushP95Ms) return { intervalMs, reached: true, summary };
  }
  const intervalMs = CANDIDATE_INTERVALS_MS.at(-1)!;
  return { intervalMs, reached: false, summary: summarizeTracking(orders, fixedIntervalTracker(intervalMs), requestMs) };
}

export interface ConnectionFigures {
  subscribers: number;
  customers: number;
  /** Subscriptions started (start_ack) per second while opening them, 50 at a time. */
  openedPerSecond: number;
  memoryBefore: { rss: number; heapUsed: number };
  memoryOpen: { rss: number; heapUsed: number };
  /** (open − before) ÷ subscribers, after a full GC in the shop's process. */
  heapBytesPerSubscription: number;
  rssBytesPerSubscription: number;
  afterGc: boolean;
  /** Orders placed while all were open, the changes they committed and the messages pushed for them. */
  orders: number;
  changes: number;
  messages: number;
  expectedMessages: number;
  /** Messages delivered per second: messages ÷ (last arrival − first commit). */
  messagesPerSecond: number;
  shownAfterCommitMs: LatencySummary;
}

/** `subscribers` open screens spread over `customers` accounts (each a socket of its own), then `orders` orders fanned out to them. */
export async function measureConnections(
  client: ShopClient,
  shop: ShopEndpoints,
  options: { subscribers: number; customers: number; orders: number; timeoutMs: number },
  placeOrders: (count: number, placeAs: PlaceAs) => Promise<PipelineRunResult>,
): Promise<ConnectionFigures> {
  const customers = await signUpCustomers(shop, options.customers);
  const before = await client.memory();
  const subscribers: Array<{ customer: SignedInCustomer; subscriber: Subscriber }> = [];
  try {
    const openStarted = performance.now();
    await runBounded(options.subscribers, 50, async (index) => {
      const customer = customers[index % customers.length]!;
      const subscriber = subscribe(shop, { token: customer.idToken }, ON_CUSTOMER_ORDER_UPDATES, { customerId: customer.sub });
      subscribers.push({ customer, subscriber });
      await subscriber.whenStarted();
    });
    const openedPerSecond = (options.subscribers / (performance.now() - openStarted)) * 1000;
    const open = await client.memory();

    const result = await placeOrders(options.orders, (index) => ({ token: customers[index % customers.length]!.idToken }));
    const changesOf = new Map<string, number>();
    result.timings.forEach((timing, index) => {
      const token = customers[index % customers.length]!.idToken;
      changesOf.set(token, (changesOf.get(token) ?? 0) + timing.statusHistory.length);
    });
    const expectedMessages = subscribers.reduce((sum, { customer }) => sum + (changesOf.get(customer.idToken) ?? 0), 0);
    const delivered = () => subscribers.reduce((sum, { subscriber }) => sum + subscriber.updates.length, 0);
    await waitFor(
      async () => delivered(),
      (count) => count >= expectedMessages,
      `${expectedMessages} messages`,
      DELIVERY_GRACE_MS,
    ).catch(() => undefined);
    const arrivals = subscribers.flatMap(({ subscriber }) => subscriber.receivedAt);
    const lates = subscribers.flatMap(({ subscriber }) => subscriber.updates.map((update, index) => subscriber.receivedAt[index]! - Date.parse(update.at)));
    const firstCommit = Math.min(...result.timings.map((timing) => Date.parse(timing.statusHistory[0]!.at)));
    const messages = arrivals.length;
    return {
      subscribers: options.subscribers,
      customers: customers.length,
      openedPerSecond,
      memoryBefore: { rss: before.rss, heapUsed: before.heapUsed },
      memoryOpen: { rss: open.rss, heapUsed: open.heapUsed },
      heapBytesPerSubscription: (open.heapUsed - before.heapUsed) / options.subscribers,
      rssBytesPerSubscription: (open.rss - before.rss) / options.subscribers,
      afterGc: before.afterGc && open.afterGc,
      orders: result.orders,
      changes: result.timings.reduce((sum, timing) => sum + timing.statusHistory.length, 0),
      messages,
      expectedMessages,
      messagesPerSecond: (messages / Math.max(1, Math.max(...arrivals) - firstCommit)) * 1000,
      shownAfterCommitMs: summarizeLatencies(lates),
    };
  } finally {
    for (const { subscriber } of subscribers) subscriber.stop();
  }
}
