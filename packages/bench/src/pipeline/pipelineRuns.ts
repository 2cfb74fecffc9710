// Orders through the whole local pipeline: postOrder over GraphQL → queue → consumer →
// workflow → terminal status. Placement time is taken by the client when it sends postOrder;
// the terminal time is the one the pipeline itself wrote into the order's status history (same
// machine, same clock). While orders are in flight only the cheap pipeline snapshot is polled, so
// measuring does not load the API; each order is read once, after the run.
import { setTimeout as sleep } from "node:timers/promises";
import { isPastPaymentPath, type OrderStatus } from "@pizza-orders/core/order/rules";
import type { GraphqlAuth } from "../../../local/test/support/graphqlClient";
import { waitFor } from "../../../local/test/support/waitFor";
import { BENCH_ORDER_INPUT } from "../benchOrder";
import { runBounded } from "../load";
import { type LatencySummary, summarizeLatencies } from "../stats";
import { ORDER_TIMELINE_QUERY, POST_ORDER_MUTATION, type ShopClient } from "./shopClient";

export interface OrderTiming {
  id: string;
  guestSecret: string;
  sentAt: number;
  acceptedAt: number;
  terminalAt: number;
  terminalStatus: string;
  /** Every committed status change, as the order stores it when its run ends (the pipeline's own: the bench's cook acts after the run). */
  statusHistory: Array<{ status: string; at: string }>;
}

export interface PipelineRunResult {
  label: string;
  orders: number;
  failedPlacements: number;
  /** Orders/s end to end: orders ÷ (last terminal − first placement). */
  ordersPerSecond: number;
  /** Orders/s the API accepted postOrder at (first send → last response). */
  acceptedPerSecond: number;
  /** Offered rate for steady runs. */
  offeredPerSecond?: number;
  latencyMs: LatencySummary;
  /** After the last placement, how long until the last order ended (backlog drain). */
  drainAfterLastPlacementMs: number;
  terminalStatuses: Record<string, number>;
  timings: OrderTiming[];
}

/** Who places the nth order of a run (a signed-in customer's token); the API key (a guest) when not given. */
export type PlaceAs = (index: number) => GraphqlAuth;

interface Placed {
  auth?: GraphqlAuth;
  id?: string;
  guestSecret?: string;
  sentAt: number;
  acceptedAt: number;
  error?: string;
}

async function place(client: ShopClient, auth?: GraphqlAuth): Promise<Placed> {
  const sentAt = Date.now();
  try {
    const data = await client.graphql<{ postOrder: { id: string; guestSecret: string } }>(POST_ORDER_MUTATION, { input: BENCH_ORDER_INPUT }, auth);
    return { auth, id: data.postOrder.id, guestSecret: data.postOrder.guestSecret, sentAt, acceptedAt: Date.now() };
  } catch (error) {
    return { auth, sentAt, acceptedAt: Date.now(), error: error instanceof Error ? error.message : String(error) };
  }
}

async function waitForEnded(client: ShopClient, target: number, timeoutMs: number): Promise<void> {
  await waitFor(
    () => client.endedExecutions(),
    (ended) => ended >= target,
    `${target} ended executions`,
    timeoutMs,
  );
}

async function collect(client: ShopClient, label: string, placed: Placed[], offeredPerSecond?: number): Promise<PipelineRunResult> {
  const accepted = placed.filter((order) => order.id);
  const timings = await runBounded(accepted.length, 8, async (index): Promise<OrderTiming> => {
    const order = accepted[index]!;
    const { order: stored } = await client.graphql<{ order: { orderStatus: OrderStatus; statusHistory: Array<{ status: string; at: string }> } | null }>(
      ORDER_TIMELINE_QUERY,
      { id: order.id, guestSecret: order.guestSecret },
      order.auth,
    );
    // The pipeline's part is over once the order left its payment path (a paid order: handed to its kitchen).
    if (!stored || !isPastPaymentPath(stored.orderStatus))
      throw new Error(`order ${order.id} is ${stored?.orderStatus ?? "missing"} after its execution ended`);
    const terminalAt = Date.parse(stored.statusHistory.at(-1)!.at);
    return {
      id: order.id!,
      guestSecret: order.guestSecret!,
      sentAt: order.sentAt,
      acceptedAt: order.acceptedAt,
      terminalAt,
      terminalStatus: stored.orderStatus,
      statusHistory: stored.statusHistory,
    };
  });
  const firstSent = Math.min(...placed.map((order) => order.sentAt));
  const lastSent = Math.max(...placed.map((order) => order.sentAt));
  const lastAccepted = Math.max(...placed.map((order) => order.acceptedAt));
  const lastTerminal = Math.max(...timings.map((timing) => timing.terminalAt));
  const terminalStatuses: Record<string, number> = {};
  for (const timing of timings) terminalStatuses[timing.terminalStatus] = (terminalStatuses[timing.terminalStatus] ?? 0) + 1;
  return {
    label,
    orders: accepted.length,
    failedPlacements: placed.length - accepted.length,
    ordersPerSecond: (timings.length / Math.max(1, lastTerminal - firstSent)) * 1000,
    acceptedPerSecond: (accepted.length / Math.max(1, lastAccepted - firstSent)) * 1000,
    offeredPerSecond,
    latencyMs: summarizeLatencies(timings.map((timing) => timing.terminalAt - timing.sentAt)),
    drainAfterLastPlacementMs: lastTerminal - lastSent,
    terminalStatuses,
    timings,
  };
}

const BURST_LABEL = "burst of";

/** The burst run with the highest end-to-end rate: the pipeline's throughput. */
export const bestBurst = <Run extends Pick<PipelineRunResult, "label" | "ordersPerSecond">>(runs: readonly Run[]): Run | undefined =>
  runs
    .filter((run) => run.label.startsWith(BURST_LABEL))
    .reduce<Run | undefined>((best, run) => (run.ordersPerSecond > (best?.ordersPerSecond ?? 0) ? run : best), undefined);

/** `count` orders at once (at most `concurrency` postOrder calls in flight). */
export async function runBurst(
  client: ShopClient,
  count: number,
  options: { concurrency: number; timeoutMs: number; placeAs?: PlaceAs },
): Promise<PipelineRunResult> {
  const before = await client.endedExecutions();
  const placed = await runBounded(count, options.concurrency, (index) => place(client, options.placeAs?.(index)));
  const accepted = placed.filter((order) => order.id).length;
  if (accepted === 0) throw new Error(`no order was accepted: ${placed[0]?.error}`);
  await waitForEnded(client, before + accepted, options.timeoutMs);
  return collect(client, `${BURST_LABEL} ${count}`, placed);
}

/** Open loop: one order every 1/rate s for `seconds`, whether or not earlier ones are done. */
export async function runSteady(
  client: ShopClient,
  perSecond: number,
  options: { seconds: number; timeoutMs: number; placeAs?: PlaceAs },
): Promise<PipelineRunResult> {
  const before = await client.endedExecutions();
  const count = Math.round(perSecond * options.seconds);
  const started = performance.now();
  const inFlight: Promise<Placed>[] = [];
  for (let index = 0; index < count; index++) {
    const due = started + (index * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    inFlight.push(place(client, options.placeAs?.(index)));
  }
  const placed = await Promise.all(inFlight);
  const accepted = placed.filter((order) => order.id).length;
  if (accepted === 0) throw new Error(`no order was accepted: ${placed[0]?.error}`);
  await waitForEnded(client, before + accepted, options.timeoutMs);
  return collect(client, `steady ${perSecond}/s for ${options.seconds} s`, placed, perSecond);
}

/** One order at a time on an idle pipeline: the latency a single customer sees. */
export async function runSingles(client: ShopClient, count: number, options: { timeoutMs: number; placeAs?: PlaceAs }): Promise<PipelineRunResult> {
  const placed: Placed[] = [];
  for (let index = 0; index < count; index++) {
    const before = await client.endedExecutions();
    const order = await place(client, options.placeAs?.(index));
    placed.push(order);
    if (!order.id) continue;
    await waitForEnded(client, before + 1, options.timeoutMs);
    await sleep(50);
  }
  return collect(client, `${count} single orders, one at a time`, placed);
}
