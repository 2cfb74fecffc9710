// kill -9 of the local shop (a child process started as `pnpm start` starts it), then a restart
// on the same data folder: no accepted order is lost, none is processed twice, and executions
// that were running finish exactly once. Before each restart the test reads the crashed shop's
// journals to show the kill really caught messages in the queue and executions mid-way.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ORDERS_DLQ_NAME, ORDERS_QUEUE_NAME } from "../src/aws/localResources";
import { EXECUTION_JOURNAL_FILE, QUEUE_JOURNAL_FILE, type RunningShop } from "../src/shopState";
import { readQueueJournal } from "../src/sqs/queueJournal";
import { readExecutionJournal } from "../src/stepfunctions/executionJournal";
import { graphql } from "./support/graphqlClient";
import { executions, outboxOrderIds, pipelineView, type StoredOrder, storedOrders, hasLeftThePipeline } from "./support/shopInspection";
import { type ShopProcess, startShopProcess } from "./support/shopProcess";
import { waitFor } from "./support/waitFor";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const API_KEY = "crash-test-key";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A notification claimed by a killed sender is left to the reconciler once the claim's lease runs
 * out, so the shops run it every 2 s with short deadlines (the local test override, as
 * crashBurst.e2e.test.ts does; a deadline is set by the shop that writes the order).
 */
const SHOP_ENV = {
  ORDER_DEADLINE_SECONDS: JSON.stringify({ QUEUED: 30, PENDING_PAYMENT: 30, notification: 30, localTestOverride: true }),
  LOCAL_RECONCILER_INTERVAL_SECONDS: "2",
};

async function freshShop(): Promise<ShopProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), "pizza-orders-crash-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  return started(await startShopProcess(dataDir, { apiKey: API_KEY, env: SHOP_ENV }));
}

function started(shop: ShopProcess): ShopProcess {
  cleanups.push(() => shop.stop());
  return shop;
}

async function placeOrder(shop: RunningShop): Promise<string> {
  const result = await graphql<{ postOrder: { id: string } }>(
    shop.graphqlUrl,
    "mutation Place($input: OrderInput!) { postOrder(input: $input) { id } }",
    { input: { name: "Pizza", quantity: 2, restaurantId: "Dominos", paymentToken: "tok_visa" } },
    API_KEY,
  );
  if (result.body.errors) throw new Error(JSON.stringify(result.body.errors));
  return result.body.data!.postOrder.id;
}

/**
 * Places `count` orders, `concurrency` at a time, and returns the ids of those the API accepted.
 * `onAccepted` sees the running total (a test kills the shop from there); calls cut off by the
 * kill are not accepted orders.
 */
async function placeOrders(shop: RunningShop, count: number, concurrency: number, onAccepted: (accepted: number) => void = () => {}): Promise<string[]> {
  const accepted: string[] = [];
  let next = 0;
  let stopped = false;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!stopped && next < count) {
        next++;
        try {
          accepted.push(await placeOrder(shop));
          onAccepted(accepted.length);
        } catch {
          stopped = true;
        }
      }
    }),
  );
  return accepted;
}

/** Every accepted order reached its kitchen (RECEIVED) once: one order, one payment, one execution, one e-mail. */
async function expectEachOrderDoneOnce(shop: ShopProcess, accepted: string[]): Promise<void> {
  const byId = (orders: StoredOrder[]) => new Map(orders.map((order) => [order.orderId, order]));
  const orders = byId(
    await waitFor(
      () => storedOrders(shop.running),
      (current) => accepted.every((id) => hasLeftThePipeline(byId(current).get(id)?.orderStatus)),
      "every accepted order to end",
      90_000,
    ),
  );
  await waitFor(() => pipelineView(shop.running, API_KEY), (pipeline) => pipeline.executions.running === 0, "no execution running", 60_000);
  const allExecutions = await executions(shop.running);
  // Every order's e-mail, also one whose claim died with the killed shop (sent by the reconciler after the lease).
  const emailed = await waitFor(() => outboxOrderIds(shop.dataDir), (ids) => accepted.every((id) => ids.includes(id)), "an e-mail for every order", 120_000);
  for (const id of accepted) {
    const order = orders.get(id)!;
    expect(order.orderStatus, id).toBe("RECEIVED");
    expect(order.statusHistory.map((change) => change.status), id).toEqual(["QUEUED", "PENDING_PAYMENT", "RECEIVED"]);
    expect(order.payment, id).toMatchObject({ outcome: "SUCCEEDED", amountCents: order.totalCents });
    expect(allExecutions.filter((execution) => execution.name === id).map((execution) => execution.status), id).toEqual(["SUCCEEDED"]);
    // One e-mail, or — the README's stated gap (issue 9, open) — one repeat of it when the kill fell
    // between SNS accepting it and the order recording it; never more (crashBurst.e2e pins this down).
    const copies = emailed.filter((orderId) => orderId === id).length;
    expect(copies, id).toBeGreaterThanOrEqual(1);
    expect(copies, id).toBeLessThanOrEqual(2);
  }
}

describe("kill -9 of the local shop, restart on the same data", () => {
  it("loses no message the queue accepted and duplicates none into a second order or execution", async () => {
    const first = await freshShop();
    let killing: Promise<void> | undefined;
    // Killed mid-burst: 40 orders accepted, more on their way.
    const accepted = await placeOrders(first.running, 100, 10, (count) => {
      if (count === 40) killing ??= first.kill9();
    });
    await killing;
    expect(accepted.length).toBeGreaterThanOrEqual(40);

    const queued = readQueueJournal(join(first.dataDir, QUEUE_JOURNAL_FILE));
    const undelivered = Object.values(queued[ORDERS_QUEUE_NAME] ?? {}).map((message) => JSON.parse(message.body) as { orderId: string });
    // The kill caught accepted orders whose message was still in the queue.
    expect(undelivered.filter((message) => accepted.includes(message.orderId)).length).toBeGreaterThan(0);

    const second = started(await startShopProcess(first.dataDir, { apiKey: API_KEY, env: SHOP_ENV }));
    await expectEachOrderDoneOnce(second, accepted);
    const stored = await storedOrders(second.running);
    expect(new Set(stored.map((order) => order.orderId)).size).toBe(stored.length);
    expect((await pipelineView(second.running, API_KEY)).deadLetterQueue.depth).toBe(0);
    expect(Object.keys(readQueueJournal(join(first.dataDir, QUEUE_JOURNAL_FILE))[ORDERS_DLQ_NAME] ?? {})).toEqual([]);
  }, 240_000);

  it("restarts executions that were running at the kill and finishes each exactly once: one payment, one e-mail", async () => {
    const first = await freshShop();
    const accepted = await placeOrders(first.running, 50, 10);
    expect(accepted).toHaveLength(50);
    await waitFor(() => pipelineView(first.running, API_KEY), (pipeline) => pipeline.executions.running >= 5, "executions to be running");
    await first.kill9();

    const interrupted = Object.values(readExecutionJournal(join(first.dataDir, EXECUTION_JOURNAL_FILE))).filter((execution) => !execution.end);
    expect(interrupted.length).toBeGreaterThan(0);

    const second = started(await startShopProcess(first.dataDir, { apiKey: API_KEY, env: SHOP_ENV }));
    expect(second.output.join("\n")).toContain(`${interrupted.length} execution(s) that were running when the shop stopped started again`);
    await expectEachOrderDoneOnce(second, accepted);
    // Restarted under the same name, with the same start: the record is the one the journal held.
    const restarted = (await executions(second.running)).filter((execution) => interrupted.some((stored) => stored.start.name === execution.name));
    expect(restarted).toHaveLength(interrupted.length);
    for (const execution of restarted) {
      expect(execution.startDate!.toISOString()).toBe(interrupted.find((stored) => stored.start.name === execution.name)!.start.startDate);
    }
  }, 240_000);
});
