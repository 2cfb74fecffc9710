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
import { OrderEventSchemas, schemaFileOf } from "@pizza-orders/core/events/orderEventSchemas";
import { CUSTOMER_EMAIL_STATUSES, Fulfilment, KITCHEN_FLOW, OrderStatus } from "@pizza-orders/core/order/rules";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localClientConfig } from "../src/aws/localClientConfig";
import { CHECKPOINT_FILE, STREAM_DIR } from "../src/dynamo/changeFeed";
import type { BusEvent } from "../src/events/eventBusJournal";
import type { LocalShop } from "../src/localShop";
import { type SignedInCustomer, signUpCustomer } from "./support/customers";
import { type GraphqlAuth, graphql } from "./support/graphqlClient";
import { completeInKitchen } from "./support/kitchen";
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

  it("one schema-valid event per status change: placed, pending payment, then received by the kitchen / payment failed / cancelled", async () => {
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
      [`${paid}#2`, "Order Received"],
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
    const [received] = eventsOf(paid).filter((event) => event["detail-type"] === "Order Received");
    expect(received).toMatchObject({
      source: "pizza-orders.orders",
      detail: {
        orderId: paid,
        status: "RECEIVED",
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
      { id: paid, to: "paid@example.com", status: "RECEIVED", restaurant: "Luigi's Trattoria" },
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
      // The subject names the restaurant's order number (#042), the bodies that and the order id as a reference.
      const orderNumber = String(eventsOf(id).at(-1)!.detail.orderNumber);
      expect(orderNumber).toMatch(/^#\d{3}$/);
      expect(message!.subject).toContain(orderNumber);
      for (const body of [message!.text, message!.html]) expect(body).toContain(id);
      for (const body of [message!.text, message!.html]) expect(body).toContain(orderNumber);
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
  const paidEventOf = (orderId: string) =>
    shop.eventBus.events().find((archived) => archived.event.detail.orderId === orderId && archived.event.detail.status === "RECEIVED")!.event;
  const emailTarget = () => shop.functions.eventTargets.get("CustomerEmail")!;

  let orderId: string;
  let eventId: string;
  let sent: InboxMessage;

  beforeAll(async () => {
    orderId = await placeOrder({ name: "Hawaiian", quantity: 1, restaurantId: "Luigis", paymentToken: "tok_visa", customerEmail: "crash@example.com" });
    await waitForOrdersToFinish(shop, [orderId], statusOf);
    await caughtUp();
    eventId = String(paidEventOf(orderId).detail.eventId);
    [sent] = await waitFor(
      async () => messagesOfEvent(await inboxMessages(shop), eventId),
      (messages) => messages.length === 1,
      "the order's e-mail",
    );
  });

  it("after the provider accepted it: the next delivery finds it in the inbox and does not send it again", async () => {
    await senderDiedHolding(orderId, eventId.split("#")[1]!);
    expect(await emailTarget().invoke(paidEventOf(orderId))).toEqual({ outcome: "acceptedBefore" });
    expect(messagesOfEvent(await inboxMessages(shop), eventId)).toHaveLength(1);
    // Recorded as sent: a further delivery stops at once.
    expect(await emailTarget().invoke(paidEventOf(orderId))).toEqual({ outcome: "alreadySent" });
  });

  it("before the provider accepted it: the next delivery sends it, once", async () => {
    await senderDiedHolding(orderId, eventId.split("#")[1]!);
    await deleteInboxMessage(shop, sent.id);
    expect(await emailTarget().invoke(paidEventOf(orderId))).toEqual({ outcome: "sent" });
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
    await expect(emailTarget().invoke(paidEventOf(orderId))).rejects.toMatchObject({ name: "CustomerEmailInProgressError" });
    expect(messagesOfEvent(await inboxMessages(shop), eventId)).toHaveLength(1);
  });
});

describe("an order through the kitchen: its events and its customer's e-mails", () => {
  const CANCEL_BY_SHOP = "mutation ($id: String!, $reason: String!) { cancelOrderByShop(id: $id, reason: $reason) { orderStatus } }";
  const READ_ORDER = "query ($id: String!, $guestSecret: String) { order(id: $id, guestSecret: $guestSecret) { orderStatus fulfilment orderNumber } }";
  interface KitchenRead {
    orderStatus: OrderStatus;
    fulfilment: Fulfilment;
    orderNumber: string;
  }
  let alice: SignedInCustomer;
  let cook: SignedInCustomer;
  let delivered: { id: string; number: string };
  let refunded: { id: string; number: string };

  async function readOrder(id: string, auth: GraphqlAuth, guestSecret?: string): Promise<KitchenRead | null> {
    const { body } = await graphql<{ order: KitchenRead | null }>(shop.graphqlUrl, READ_ORDER, { id, guestSecret }, auth);
    return body.data?.order ?? null;
  }
  const paid = (id: string, auth: GraphqlAuth, guestSecret?: string) =>
    waitFor(
      () => readOrder(id, auth, guestSecret),
      (order) => order?.orderStatus === OrderStatus.Received,
      `order ${id} paid and with the kitchen`,
    ) as Promise<KitchenRead>;
  /** Every delivery of the bus has ended (the e-mail listener has run for every event). */
  const deliveriesEnded = () =>
    waitFor(
      () => shop.eventBus.events(),
      (events) => events.every((archived) => archived.pending.length === 0),
      "the bus's deliveries to end",
    );
  const statusesOf = (orderId: string) =>
    distinctEvents(eventsOf(orderId)).map(([id]) => eventsOf(orderId).find((event) => event.detail.eventId === id)!.detail.status);

  beforeAll(async () => {
    [alice, cook] = await Promise.all([signUpCustomer(shop), signUpCustomer(shop, { staffOf: "Luigis", confirmWith: "admin" })]);
    // Alice, signed in, has hers delivered; the cook takes it through every stage.
    const placed = await graphql<{ postOrder: { id: string } }>(
      shop.graphqlUrl,
      "mutation ($input: OrderInput!) { postOrder(input: $input) { id } }",
      {
        input: {
          restaurantId: "Luigis",
          paymentToken: "tok_visa",
          fulfilment: Fulfilment.Delivery,
          deliveryAddress: { street: "1 Via Roma", city: "Dublin", postalCode: "D01 X2Y3" },
          lines: [{ pizza: "Margherita", size: "LARGE", toppings: ["Chilli"], quantity: 2 }],
        },
      },
      { token: alice.idToken },
    );
    expect(placed.body.errors).toBeUndefined();
    const aliceOrder = await paid(placed.body.data!.postOrder.id, { token: alice.idToken });
    delivered = { id: placed.body.data!.postOrder.id, number: aliceOrder.orderNumber };
    await completeInKitchen(shop.graphqlUrl, cook, delivered.id, aliceOrder);

    // A guest's pickup order the restaurant cancels once it is paid: refunded.
    const guestId = await placeOrder({
      name: "Veggie",
      quantity: 1,
      restaurantId: "Luigis",
      paymentToken: "tok_visa",
      customerEmail: "kitchen-guest@example.com",
    });
    const guestOrder = await paid(guestId, TEST_API_KEY, guestSecrets.get(guestId));
    refunded = { id: guestId, number: guestOrder.orderNumber };
    const cancel = await graphql(shop.graphqlUrl, CANCEL_BY_SHOP, { id: guestId, reason: "the oven broke" }, { token: cook.idToken });
    expect(cancel.body.errors).toBeUndefined();
    await waitFor(
      () => readOrder(guestId, TEST_API_KEY, guestSecrets.get(guestId)),
      (order) => order?.orderStatus === OrderStatus.Refunded,
      `order ${guestId} refunded`,
    );
    await caughtUp();
    await deliveriesEnded();
  });

  it("makes one schema-valid event per stage, the shop's cancellation and the refund, each carrying the order number", () => {
    expect(statusesOf(delivered.id)).toEqual([OrderStatus.Queued, OrderStatus.PendingPayment, ...KITCHEN_FLOW[Fulfilment.Delivery]]);
    expect(statusesOf(refunded.id)).toEqual([
      OrderStatus.Queued,
      OrderStatus.PendingPayment,
      OrderStatus.Received,
      OrderStatus.CancelledByShop,
      OrderStatus.Refunded,
    ]);
    for (const [order, fulfilment] of [
      [delivered, Fulfilment.Delivery],
      [refunded, Fulfilment.Pickup],
    ] as const) {
      expect(order.number).toMatch(/^#\d{3}$/);
      for (const event of eventsOf(order.id)) {
        const check = schemas.check(event);
        expect(check.errors, `${event["detail-type"]} against ${check.schemaFile}`).toEqual([]);
        // Every status has its own file: none falls back to the shared shape.
        expect(check.schemaFile).toBe(schemaFileOf(event["detail-type"]));
        expect(event.detail).toMatchObject({ orderNumber: order.number, fulfilment });
      }
    }
    expect(eventsOf(delivered.id).every((event) => event.detail.customerId === alice.sub)).toBe(true);
  });

  it("e-mails exactly once per e-mailed status, to the customer's own address, naming the order number and the status — and nothing of the other order", async () => {
    const inbox = await inboxMessages(shop);
    const expectations = [
      { order: delivered, to: alice.email, other: refunded },
      { order: refunded, to: "kitchen-guest@example.com", other: delivered },
    ];
    for (const { order, to, other } of expectations) {
      const emailedEvents = distinctEvents(eventsOf(order.id))
        .map(([id]) => eventsOf(order.id).find((event) => event.detail.eventId === id)!)
        .filter((event) => CUSTOMER_EMAIL_STATUSES.includes(event.detail.status as OrderStatus));
      for (const event of emailedEvents) {
        const [message, ...more] = messagesOfEvent(inbox, String(event.detail.eventId));
        expect(more, `${order.id} ${event.detail.status}`).toEqual([]);
        expect(message, `${order.id} ${event.detail.status}`).toBeDefined();
        expect(message!.to.map((recipient) => recipient.address)).toEqual([to]);
        expect(message!.subject).toContain(order.number);
        expect(message!.subject).toContain("Luigi's Trattoria");
        for (const body of [message!.text, message!.html]) {
          expect(body).toContain(order.number);
          expect(body).toContain(`status ${event.detail.status}`);
        }
        const whole = JSON.stringify(message);
        for (const trace of [other.id, other.number, alice.email === to ? "kitchen-guest@example.com" : alice.email]) expect(whole).not.toContain(trace);
      }
      // Exactly these e-mails reached the order's address: none for the stages between.
      const toThisAddress = inbox.filter((message) => message.to.some((recipient) => recipient.address === to));
      expect(toThisAddress.map((message) => message.headers["x-pizza-event-id"]).sort()).toEqual(
        emailedEvents.map((event) => String(event.detail.eventId)).sort(),
      );
    }
    const statusesMailed = (order: { id: string }) =>
      inbox
        .filter((message) => message.headers["x-pizza-event-id"]?.startsWith(`${order.id}#`))
        .map((message) => eventsOf(order.id).find((event) => event.detail.eventId === message.headers["x-pizza-event-id"])!.detail.status)
        .sort();
    expect(statusesMailed(delivered)).toEqual([OrderStatus.Received, OrderStatus.Ready, OrderStatus.OutForDelivery, OrderStatus.Completed].sort());
    expect(statusesMailed(refunded)).toEqual([OrderStatus.Received, OrderStatus.Refunded].sort());
  });

  it("the signed-in customer's completion e-mail links her order's page in the web app; the guest's refund e-mail names the reason and points to her tracking link", async () => {
    const inbox = await inboxMessages(shop);
    const mailOf = (orderId: string, status: OrderStatus) =>
      messagesOfEvent(inbox, String(eventsOf(orderId).find((event) => event.detail.status === status)!.detail.eventId))[0]!;
    const page = `${shop.settings.webAppUrl}/orders/${delivered.id}`;
    const completion = mailOf(delivered.id, OrderStatus.Completed);
    expect(completion.text).toContain(page);
    expect(completion.html).toContain(`<a href="${page}">`);
    expect(completion.text).toContain("Download receipt");
    const refund = mailOf(refunded.id, OrderStatus.Refunded);
    expect(refund.text).toContain("the oven broke");
    expect(refund.text).toContain("refunded");
    expect(refund.text).toContain("the tracking link you kept");
    expect(refund.text).not.toContain(shop.settings.webAppUrl);
    // Ready for a delivered order: leaving with a driver, not waiting for pickup.
    expect(mailOf(delivered.id, OrderStatus.Ready).text.split("\n")[0]).not.toContain("pickup");
  });
});
