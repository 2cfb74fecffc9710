// The order events bus in a running shop: every status change of an order becomes exactly one
// event (one event id per change) that validates against its versioned schema — also when the
// stream delivers every record again (its checkpoint lost, the shop restarted) and when a
// workflow task runs again (a Step Functions retry): a redelivered record is put again under the
// same id with the same content, and a retried task makes no change and so no event. The
// CustomerEmail rule's target e-mails each customer once per event it matches (read from the
// local inbox, maildev), also after all that, and a sender that died mid-send is neither
// repeated (the inbox has the mail) nor lost (it does not).
import { rmSync } from "node:fs";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { OrderEventSchemas } from "@pizza-orders/core/events/orderEventSchemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localClientConfig } from "../src/aws/localClientConfig";
import { CHECKPOINT_FILE, STREAM_DIR } from "../src/dynamo/changeFeed";
import type { BusEvent } from "../src/events/eventBusJournal";
import type { LocalShop } from "../src/localShop";
import { graphql } from "./support/graphqlClient";
import { deleteInboxMessage, type InboxMessage, inboxMessages, messagesOfEvent } from "./support/mailInbox";
import { restartTestShop, startTestShop, stopTestShop, TEST_API_KEY, waitForOrdersToFinish } from "./support/testShop";
import { waitFor } from "./support/waitFor";

const schemas = new OrderEventSchemas();
let shop: LocalShop;
const guestSecrets = new Map<string, string>();

beforeAll(async () => {
  shop = await startTestShop();
});
afterAll(() => stopTestShop(shop));

async function placeOrder(input: Record<string, unknown>): Promise<string> {
  const result = await graphql<{ postOrder: { id: string; guestSecret: string } }>(
    shop.graphqlUrl,
    `mutation Place($input: OrderInput!) { postOrder(input: $input) { id guestSecret } }`,
    { input },
    TEST_API_KEY,
  );
  expect(result.body.errors).toBeUndefined();
  guestSecrets.set(result.body.data!.postOrder.id, result.body.data!.postOrder.guestSecret);
  return result.body.data!.postOrder.id;
}

async function statusOf(id: string): Promise<string | undefined> {
  const result = await graphql<{ order: { orderStatus: string } | null }>(
    shop.graphqlUrl,
    `query Read($id: String!, $guestSecret: String) { order(id: $id, guestSecret: $guestSecret) { orderStatus } }`,
    { id, guestSecret: guestSecrets.get(id) },
    TEST_API_KEY,
  );
  return result.body.data?.order?.orderStatus;
}

const busEvents = (): BusEvent[] => shop.eventBus.events().map((archived) => archived.event);
const eventsOf = (orderId: string) => busEvents().filter((event) => event.detail.orderId === orderId);
const caughtUp = () =>
  waitFor(
    () => shop.changeFeed.stats(),
    (stats) => stats.lag === 0,
    "the order-changes consumer to catch up",
  );

/** Each event id once with its detail-type, and every copy of an id carrying the same type and detail. */
function distinctEvents(events: readonly BusEvent[]): Array<[string, string]> {
  const byId = new Map<string, BusEvent>();
  for (const event of events) {
    const id = String(event.detail.eventId);
    const first = byId.get(id);
    if (first) expect({ type: event["detail-type"], detail: event.detail }).toEqual({ type: first["detail-type"], detail: first.detail });
    else byId.set(id, event);
  }
  return [...byId.entries()].map(([id, event]) => [id, event["detail-type"]]);
}

describe("order events on the local bus", () => {
  let paid: string;
  let declined: string;
  let cancelled: string;

  it("one schema-valid event per status change: placed, pending payment, then completed / payment failed / cancelled", async () => {
    paid = await placeOrder({
      name: "Margherita",
      quantity: 2,
      restaurantId: "Luigis",
      size: "LARGE",
      toppings: ["Chilli"],
      paymentToken: "tok_visa",
      customerEmail: "paid@example.com",
    });
    declined = await placeOrder({
      name: "Pizza",
      quantity: 1,
      restaurantId: "Dominos",
      paymentToken: "tok_chargeDeclined",
      customerEmail: "declined@example.com",
    });
    // Cancelled by its guest at once (before or after the payment provider's outage cancels it: CANCELLED either way).
    cancelled = await placeOrder({
      name: "Veggie",
      quantity: 1,
      restaurantId: "NapoliExpress",
      paymentToken: "tok_processingError",
      customerEmail: "cancelled@example.com",
    });
    const cancel = await graphql(
      shop.graphqlUrl,
      `mutation Cancel($id: String!, $guestSecret: String) { cancelOrder(id: $id, guestSecret: $guestSecret) { id } }`,
      { id: cancelled, guestSecret: guestSecrets.get(cancelled) },
      TEST_API_KEY,
    );
    expect(cancel.body.errors).toBeUndefined();
    await waitForOrdersToFinish(shop, [paid, declined, cancelled], statusOf);
    await caughtUp();

    expect(distinctEvents(eventsOf(paid))).toEqual([
      [`${paid}#0`, "Order Placed"],
      [`${paid}#1`, "Order Pending Payment"],
      [`${paid}#2`, "Order Completed"],
    ]);
    expect(distinctEvents(eventsOf(declined)).map(([, type]) => type)).toEqual(["Order Placed", "Order Pending Payment", "Order Payment Failed"]);
    // Cancelled while QUEUED or while PENDING_PAYMENT, as the race with the workflow went.
    const cancelledTypes = distinctEvents(eventsOf(cancelled)).map(([, type]) => type);
    expect([
      ["Order Placed", "Order Cancelled"],
      ["Order Placed", "Order Pending Payment", "Order Cancelled"],
    ]).toContainEqual(cancelledTypes);
    // Nothing redelivered yet: one copy of each.
    for (const id of [paid, declined, cancelled]) expect(eventsOf(id)).toHaveLength(distinctEvents(eventsOf(id)).length);

    for (const event of busEvents()) {
      const check = schemas.check(event);
      expect(check.errors, `${event["detail-type"]} against ${check.schemaFile}`).toEqual([]);
    }
    const [completed] = eventsOf(paid).filter((event) => event["detail-type"] === "Order Completed");
    expect(completed).toMatchObject({
      source: "pizza-orders.orders",
      detail: {
        orderId: paid,
        status: "COMPLETED",
        previousStatus: "PENDING_PAYMENT",
        customerId: null,
        restaurant: { id: "Luigis", name: "Luigi's Trattoria" },
        lines: [{ pizza: "Margherita", size: "LARGE", toppings: ["Chilli"], quantity: 2 }],
      },
    });
    const text = JSON.stringify(busEvents());
    for (const secret of [...guestSecrets.values(), "tok_visa", "paid@example.com"]) expect(text).not.toContain(secret);
  });

  it("e-mails each customer once per payment outcome or end, to their own address, naming order, status and restaurant", async () => {
    const expected = [
      { id: paid, to: "paid@example.com", status: "COMPLETED", restaurant: "Luigi's Trattoria" },
      { id: declined, to: "declined@example.com", status: "PAYMENT_FAILED", restaurant: "Dominos" },
      { id: cancelled, to: "cancelled@example.com", status: "CANCELLED", restaurant: "Napoli Express" },
    ];
    const ended = (id: string) => distinctEvents(eventsOf(id)).at(-1)![0];
    const inbox = await waitFor(
      () => inboxMessages(shop),
      (messages) => messages.length >= expected.length,
      "the customer e-mails",
    );
    expect(inbox).toHaveLength(expected.length);
    for (const { id, to, status, restaurant } of expected) {
      const [message, ...more] = messagesOfEvent(inbox, ended(id));
      expect(more).toEqual([]);
      expect(message!.to.map((recipient) => recipient.address)).toEqual([to]);
      for (const body of [message!.subject, message!.text, message!.html]) expect(body).toContain(id);
      for (const body of [message!.text, message!.html]) expect(body).toContain(status);
      expect(message!.text).toContain(restaurant);
      // Nothing of the other customers' orders.
      for (const other of expected.filter((order) => order.id !== id)) {
        expect(JSON.stringify(message)).not.toContain(other.id);
        expect(JSON.stringify(message)).not.toContain(other.to);
      }
    }
  });

  it("a workflow task run again (a Step Functions retry) changes nothing, so no event", async () => {
    const before = busEvents().length;
    for (const task of ["CompleteOrder", "CancelFailedOrder"] as const) {
      await shop.functions.workflowTasks.get(task)!.invoke({ orderId: paid });
    }
    await caughtUp();
    expect(busEvents()).toHaveLength(before);
    expect(distinctEvents(eventsOf(paid))).toHaveLength(3);
  });

  it("a stream delivered again from its start (checkpoint lost, shop restarted) puts each change again under the same id, with the same content", async () => {
    const ids = [paid, declined, cancelled];
    const before = ids.map((id) => distinctEvents(eventsOf(id)));
    await shop.stop();
    rmSync(join(shop.settings.dataDir, STREAM_DIR, CHECKPOINT_FILE));
    shop = await restartTestShop(shop);
    await caughtUp();

    for (const [index, id] of ids.entries()) {
      expect(eventsOf(id)).toHaveLength(2 * before[index]!.length); // every change delivered twice…
      expect(distinctEvents(eventsOf(id))).toEqual(before[index]); // …and still one event id per change
    }
    // Every e-mail event was delivered to the e-mail function twice; the inbox still has one e-mail per order.
    await waitFor(
      () => shop.eventBus.events(),
      (events) => events.every((archived) => archived.pending.length === 0),
      "the deliveries to end",
    );
    const inbox = await inboxMessages(shop);
    expect(inbox.map((message) => message.headers["x-pizza-event-id"]).sort()).toEqual(ids.map((id) => distinctEvents(eventsOf(id)).at(-1)![0]).sort());
  });
});

describe("a customer e-mail whose sender died mid-send", () => {
  /** The e-mail state a sender leaves when it dies holding its claim (its lease since run out), with the mail accepted or not. */
  async function senderDiedHolding(orderId: string, key: string): Promise<void> {
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(shop.endpoints.dynamodb)));
    await documents.send(
      new UpdateCommand({
        TableName: shop.environment.ORDERS_TABLE_NAME,
        Key: { orderId },
        UpdateExpression: "SET customerEmails.#key = :claim",
        ExpressionAttributeNames: { "#key": key },
        ExpressionAttributeValues: { ":claim": { holder: "a-sender-killed-9", expiresAt: new Date(Date.now() - 1000).toISOString() } },
      }),
    );
    documents.destroy();
  }
  const completedEventOf = (orderId: string) =>
    shop.eventBus.events().find((archived) => archived.event.detail.orderId === orderId && archived.event.detail.status === "COMPLETED")!.event;
  const emailTarget = () => shop.functions.eventTargets.get("CustomerEmail")!;

  let orderId: string;
  let eventId: string;
  let sent: InboxMessage;

  beforeAll(async () => {
    orderId = await placeOrder({ name: "Hawaiian", quantity: 1, restaurantId: "Luigis", paymentToken: "tok_visa", customerEmail: "crash@example.com" });
    await waitForOrdersToFinish(shop, [orderId], statusOf);
    await caughtUp();
    eventId = String(completedEventOf(orderId).detail.eventId);
    [sent] = await waitFor(
      async () => messagesOfEvent(await inboxMessages(shop), eventId),
      (messages) => messages.length === 1,
      "the order's e-mail",
    );
  });

  it("after the provider accepted it: the next delivery finds it in the inbox and does not send it again", async () => {
    await senderDiedHolding(orderId, eventId.split("#")[1]!);
    expect(await emailTarget().invoke(completedEventOf(orderId))).toEqual({ outcome: "acceptedBefore" });
    expect(messagesOfEvent(await inboxMessages(shop), eventId)).toHaveLength(1);
    // Recorded as sent: a further delivery stops at once.
    expect(await emailTarget().invoke(completedEventOf(orderId))).toEqual({ outcome: "alreadySent" });
  });

  it("before the provider accepted it: the next delivery sends it, once", async () => {
    await senderDiedHolding(orderId, eventId.split("#")[1]!);
    await deleteInboxMessage(shop, sent.id);
    expect(await emailTarget().invoke(completedEventOf(orderId))).toEqual({ outcome: "sent" });
    expect(messagesOfEvent(await inboxMessages(shop), eventId)).toHaveLength(1);
  });

  it("while another sender's claim is live: refused (delivered again later), nothing sent", async () => {
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(shop.endpoints.dynamodb)));
    await documents.send(
      new UpdateCommand({
        TableName: shop.environment.ORDERS_TABLE_NAME,
        Key: { orderId },
        UpdateExpression: "SET customerEmails.#key = :claim",
        ExpressionAttributeNames: { "#key": eventId.split("#")[1]! },
        ExpressionAttributeValues: { ":claim": { holder: "a-live-sender", expiresAt: new Date(Date.now() + 60_000).toISOString() } },
      }),
    );
    documents.destroy();
    await expect(emailTarget().invoke(completedEventOf(orderId))).rejects.toMatchObject({ name: "CustomerEmailInProgressError" });
    expect(messagesOfEvent(await inboxMessages(shop), eventId)).toHaveLength(1);
  });
});
