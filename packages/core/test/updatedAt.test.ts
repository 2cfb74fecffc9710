// updatedAt never goes backwards, whatever the writers' clocks say and in whichever order their
// writes commit (against dynalite).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrderNotModifiableError } from "../src/errors";
import { changeOrder } from "../src/order/changeOrder";
import { OrderRepository } from "../src/order/orderRepository";
import { placeOrder } from "../src/order/placeOrder";
import { initializeOrder } from "../src/workflow/orderTasks";
import { type DynaliteOrdersTable, startDynaliteOrdersTable } from "./support/dynaliteOrdersTable";
import { losingQueue } from "./support/recordingQueue";

const T0 = Date.parse("2026-11-29T12:00:00.000Z");
const seed = { name: "Pizza", quantity: 6, restaurantId: "Dominos" };
let table: DynaliteOrdersTable;
let orders: OrderRepository;

beforeAll(async () => {
  table = await startDynaliteOrdersTable();
  orders = new OrderRepository(table.documentClient, table.tableName);
});
afterAll(() => table.close());

const isoAt = (ms: number) => new Date(ms).toISOString();

describe("updatedAt", () => {
  it("stays put when a writer whose clock is behind commits after one whose clock is ahead", async () => {
    const { order } = await placeOrder({ orders, queue: losingQueue(), now: () => new Date(T0) }, { kind: "customer", customerId: "skew" }, seed);
    const key = { orderId: order.id };
    await changeOrder(orders, { kind: "customer", customerId: "skew" }, { id: order.id, quantity: 2 }, new Date(T0 + 5_000));
    // The workflow's clock is 4 s behind the API's.
    const moved = await initializeOrder({ orders, now: () => new Date(T0 + 1_000) }, key);
    expect(moved.orderStatus).toBe("PENDING_PAYMENT");
    const stored = (await orders.get(key))!;
    expect(stored.updatedAt).toBe(isoAt(T0 + 5_000));
    const times = stored.statusHistory.map((change) => change.at);
    expect(times).toEqual([...times].sort());
  });

  it("never decreases under concurrent writers with skewed clocks, and ends at the latest of their times", async () => {
    const { order } = await placeOrder({ orders, queue: losingQueue(), now: () => new Date(T0) }, { kind: "customer", customerId: "race" }, seed);
    const key = { orderId: order.id };
    const committedClocks: number[] = [];
    const observed: string[] = [];
    let writing = true;
    const watcher = (async () => {
      while (writing) observed.push((await orders.get(key))!.updatedAt);
    })();
    // Each writer's clock is off by up to ±30 s; each keeps retrying its change until it lands.
    const writer = async (writerIndex: number) => {
      for (let change = 0; change < 5; change++) {
        const clock = T0 + 60_000 + Math.round((Math.random() - 0.5) * 60_000);
        for (;;) {
          try {
            await changeOrder(orders, { kind: "customer", customerId: "race" }, { id: order.id, quantity: 1 + ((writerIndex + change) % 20) }, new Date(clock));
            committedClocks.push(clock);
            break;
          } catch (error) {
            if (!(error instanceof OrderNotModifiableError)) throw error;
          }
        }
      }
    };
    await Promise.all([0, 1, 2, 3, 4].map(writer));
    writing = false;
    await watcher;
    observed.push((await orders.get(key))!.updatedAt);

    expect(committedClocks).toHaveLength(25);
    expect(observed.length).toBeGreaterThan(5);
    expect(observed).toEqual([...observed].sort());
    expect(observed.at(-1)).toBe(isoAt(Math.max(...committedClocks)));
  });
});
