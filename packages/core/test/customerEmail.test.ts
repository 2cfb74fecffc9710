// The customer e-mail against a real DynamoDB-API server: to the order's own address (a signed-in
// customer's verified account address, else the one given at checkout), for the statuses the
// rules name, once per event however often it is delivered, and a failed send is retried — after
// asking the provider, which may have taken the message — rather than lost or repeated.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CustomerCaller } from "../src/access/caller";
import { CustomerEmailDeliveries } from "../src/email/customerEmailDeliveries";
import { CustomerEmailInProgressError, CustomerEmailSender } from "../src/email/customerEmailSender";
import type { MailProvider, OutgoingEmail } from "../src/email/mailProvider";
import { type OrderEventDetail, orderEventLines } from "../src/events/orderEvent";
import type { OrderQueue } from "../src/order/orderQueue";
import { OrderRepository } from "../src/order/orderRepository";
import { placeOrder } from "../src/order/placeOrder";
import { Fulfilment, OrderStatus } from "../src/order/rules";
import { type DynaliteOrdersTable, startDynaliteOrdersTable } from "./support/dynaliteOrdersTable";

const queue = { enqueue: async () => {} } as unknown as OrderQueue;
const seed = { name: "Margherita", quantity: 2, restaurantId: "Luigis", customerEmail: "typed@example.com" };
const content = { webAppUrl: "https://shop.example" };
const alice: CustomerCaller = { kind: "customer", customerId: "alice", email: "alice@example.com" };

/** A mail provider that records what it accepted; `failNext` makes the next send fail after (or before) accepting it. */
function recordingProvider() {
  const accepted: OutgoingEmail[] = [];
  let failNext: "afterAccepting" | "beforeAccepting" | undefined;
  const provider: MailProvider = {
    name: "recording",
    async send(email) {
      const failure = failNext;
      failNext = undefined;
      if (failure === "beforeAccepting") throw new Error("connection refused");
      accepted.push(email);
      if (failure === "afterAccepting") throw new Error("socket timeout after DATA");
    },
    async wasAccepted(email) {
      return accepted.some((sent) => sent.eventId === email.eventId);
    },
  };
  return { provider, accepted, fail: (how: "afterAccepting" | "beforeAccepting") => (failNext = how) };
}

let table: DynaliteOrdersTable;
let orders: OrderRepository;
let deliveries: CustomerEmailDeliveries;

beforeAll(async () => {
  table = await startDynaliteOrdersTable();
  orders = new OrderRepository(table.documentClient, table.tableName);
  deliveries = new CustomerEmailDeliveries(table.documentClient, table.tableName);
});
afterAll(() => table.close());

async function eventFor(
  caller: Parameters<typeof placeOrder>[1],
  input: Record<string, unknown>,
  status: OrderStatus = OrderStatus.Completed,
): Promise<OrderEventDetail> {
  const { order } = await placeOrder({ orders, queue }, caller, input as never);
  return {
    eventId: `${order.id}#2`,
    version: 1,
    orderId: order.id,
    orderNumber: order.orderNumber ?? null,
    fulfilment: order.fulfilment ?? Fulfilment.Pickup,
    sequence: 2,
    status,
    previousStatus: OrderStatus.PendingPayment,
    at: order.createdAt,
    restaurant: { id: "Luigis", name: "Luigi's Trattoria" },
    customerId: order.customerId ?? null,
    lines: orderEventLines(order),
    totals: { totalCents: order.totalCents, currency: order.currency },
    failureReason: null,
  };
}

describe("CustomerEmailSender", () => {
  it("writes to a signed-in customer's verified account address, and to a guest's checkout address", async () => {
    const mail = recordingProvider();
    const sender = new CustomerEmailSender({ deliveries, provider: mail.provider, content });
    const signedIn = await eventFor(alice, seed);
    const guest = await eventFor({ kind: "guest" }, { ...seed, customerEmail: "guest@example.com" });
    expect(await sender.deliver(signedIn)).toBe("sent");
    expect(await sender.deliver(guest)).toBe("sent");
    expect(mail.accepted.map((email) => [email.eventId, email.to])).toEqual([
      [signedIn.eventId, "alice@example.com"],
      [guest.eventId, "guest@example.com"],
    ]);
    expect(mail.accepted[0]!.text).toContain(signedIn.orderId);
    expect(mail.accepted[0]!.text).toContain("COMPLETED");
    expect(mail.accepted[0]!.html).toContain("Luigi&#39;s Trattoria");
    // The content's settings reach the e-mail: the signed-in customer's links her order's page, the guest's none.
    expect(mail.accepted[0]!.text).toContain(`https://shop.example/orders/${signedIn.orderId}`);
    expect(mail.accepted[1]!.text).not.toContain("https://shop.example");
  });

  it("sends once per event however often the event comes", async () => {
    const mail = recordingProvider();
    const sender = new CustomerEmailSender({ deliveries, provider: mail.provider, content });
    const event = await eventFor(alice, seed);
    expect(await Promise.all([1, 2, 3].map(() => sender.deliver(event).catch((error: unknown) => (error as Error).name)))).toContain("sent");
    expect(await sender.deliver(event)).toBe("alreadySent");
    expect(mail.accepted).toHaveLength(1);
  });

  it("refuses while another sender's claim is live, without sending", async () => {
    const mail = recordingProvider();
    const event = await eventFor(alice, seed);
    await deliveries.claim(event.orderId, "2", "someone-else", new Date(), 60);
    await expect(new CustomerEmailSender({ deliveries, provider: mail.provider, content }).deliver(event)).rejects.toBeInstanceOf(CustomerEmailInProgressError);
    expect(mail.accepted).toEqual([]);
  });

  it("a send that failed after the provider took the message is not sent again; one that failed before is sent on the retry", async () => {
    for (const [how, outcome] of [
      ["afterAccepting", "acceptedBefore"],
      ["beforeAccepting", "sent"],
    ] as const) {
      const mail = recordingProvider();
      const sender = new CustomerEmailSender({ deliveries, provider: mail.provider, content });
      const event = await eventFor(alice, seed);
      mail.fail(how);
      await expect(sender.deliver(event)).rejects.toThrow();
      expect(await sender.deliver(event)).toBe(outcome);
      expect(mail.accepted.map((email) => email.eventId)).toEqual([event.eventId]);
      expect(await sender.deliver(event)).toBe("alreadySent");
    }
  });

  it("sends nothing for a status the customer is not e-mailed about, or to an order without an address", async () => {
    const mail = recordingProvider();
    const sender = new CustomerEmailSender({ deliveries, provider: mail.provider, content });
    expect(await sender.deliver(await eventFor(alice, seed, OrderStatus.PendingPayment))).toBe("notForCustomer");
    expect(await sender.deliver(await eventFor({ kind: "guest" }, { ...seed, customerEmail: undefined }))).toBe("noAddress");
    expect(mail.accepted).toEqual([]);
  });
});
