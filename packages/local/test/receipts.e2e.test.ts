// Receipts through the real local shop: the workflow takes the payment, the restaurant's cook
// completes the order in the kitchen (or cancels it, and it is refunded), its "Order Completed" /
// "Order Refunded" event on the local bus matches the Receipts rule, whose target (the same function the cloud
// deploys) writes the PDF to the local S3 (s3rver), and `order(id)` hands
// the order's reader a short-lived presigned link to it. Checked: the PDF says what the order says,
// it is written once (a second delivery leaves the stored object as it was), the link goes only to
// the order's owner (and staff of its restaurant, who may read the order), a stranger gets no link
// and S3 is left unchanged, and an expired or unsigned link is refused by S3 itself.
import { HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { type Fulfilment, OrderStatus } from "@pizza-orders/core/order/rules";
import { ReceiptStore, receiptKey } from "@pizza-orders/core/receipt/receiptStore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdfText } from "../../core/test/support/pdfText";
import { localClientConfig } from "../src/aws/localClientConfig";
import type { LocalShop } from "../src/localShop";
import { type SignedInCustomer, signUpCustomer } from "./support/customers";
import { type GraphqlAuth, graphql } from "./support/graphqlClient";
import { completeInKitchen } from "./support/kitchen";
import { startTestShop, stopTestShop, TEST_API_KEY } from "./support/testShop";
import { waitFor } from "./support/waitFor";

const ORDER = `query ($id: String!, $guestSecret: String) { order(id: $id, guestSecret: $guestSecret) { id orderStatus fulfilment orderNumber totalCents receiptUrl } }`;
const CANCEL_BY_SHOP = "mutation ($id: String!, $reason: String!) { cancelOrderByShop(id: $id, reason: $reason) { orderStatus } }";
const POST_ORDER = "mutation ($input: OrderInput!) { postOrder(input: $input) { id guestSecret } }";

interface OrderRead {
  id: string;
  orderStatus: OrderStatus;
  fulfilment: Fulfilment;
  orderNumber: string;
  totalCents: number;
  receiptUrl: string | null;
}

let shop: LocalShop;
let s3: S3Client;
let bucket: string;
let alice: SignedInCustomer;
let bob: SignedInCustomer;
let dominosStaff: SignedInCustomer;
let luigisStaff: SignedInCustomer;
/** Delivers an order's completion to the receipts listener again, as EventBridge may (at least once). */
let writeReceipt: (orderId: string) => Promise<{ outcome: string }>;

const as = (customer: SignedInCustomer): GraphqlAuth => ({ token: customer.idToken });

async function readOrder(id: string, auth: GraphqlAuth, guestSecret?: string): Promise<OrderRead | null> {
  const { body } = await graphql<{ order: OrderRead | null }>(shop.graphqlUrl, ORDER, { id, guestSecret }, auth);
  if (body.errors) throw new Error(`order failed: ${JSON.stringify(body.errors)}`);
  return body.data!.order;
}

async function placeOrder(auth: GraphqlAuth, input: Record<string, unknown>): Promise<{ id: string; guestSecret: string | null }> {
  const { body } = await graphql<{ postOrder: { id: string; guestSecret: string | null } }>(shop.graphqlUrl, POST_ORDER, { input }, auth);
  if (!body.data?.postOrder) throw new Error(`postOrder failed: ${JSON.stringify(body)}`);
  return body.data.postOrder;
}

/** The order once its payment path is over: RECEIVED by its kitchen (paid), or declined. */
async function paymentEnded(id: string, auth: GraphqlAuth, guestSecret?: string): Promise<OrderRead> {
  return (await waitFor(
    () => readOrder(id, auth, guestSecret),
    (order) => order !== null && ([OrderStatus.Received, OrderStatus.PaymentFailed] as string[]).includes(order.orderStatus),
    `order ${id} to be paid or declined`,
  ))!;
}

/** The order paid, then made and handed over by its restaurant's cook: COMPLETED. */
async function completed(id: string, cook: SignedInCustomer, auth: GraphqlAuth, guestSecret?: string): Promise<OrderRead> {
  const paid = await paymentEnded(id, auth, guestSecret);
  expect(paid.orderStatus).toBe(OrderStatus.Received);
  await completeInKitchen(shop.graphqlUrl, cook, id, paid);
  return (await readOrder(id, auth, guestSecret))!;
}

/** The order once its receipt link is there (the bus delivers the completion shortly after it). */
async function waitForReceiptLink(id: string, auth: GraphqlAuth, guestSecret?: string): Promise<OrderRead> {
  return (await waitFor(
    () => readOrder(id, auth, guestSecret),
    (read) => Boolean(read?.receiptUrl),
    `a receipt link for order ${id}`,
  ))!;
}

async function storedReceipt(orderId: string) {
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: receiptKey(orderId) }));
  return { etag: head.ETag, lastModified: head.LastModified?.toISOString(), length: head.ContentLength };
}

async function bucketKeys(): Promise<string[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (listed.Contents ?? []).map((object) => object.Key!).sort();
}

beforeAll(async () => {
  shop = await startTestShop({ paymentSuccessRate: "1" });
  bucket = shop.environment.RECEIPTS_BUCKET_NAME!;
  s3 = new S3Client({ ...localClientConfig(shop.endpoints.s3), forcePathStyle: true });
  [alice, bob, dominosStaff, luigisStaff] = await Promise.all([
    signUpCustomer(shop),
    signUpCustomer(shop),
    signUpCustomer(shop, { staffOf: "Dominos" }),
    signUpCustomer(shop, { staffOf: "Luigis" }),
  ]);
  const listener = shop.functions.byNameOrArn("Receipts")!;
  writeReceipt = async (orderId) =>
    (await listener.invoke({ "detail-type": "Order Completed", source: "pizza-orders.orders", detail: { orderId, status: "COMPLETED" } })) as {
      outcome: string;
    };
});

afterAll(async () => {
  s3?.destroy();
  await stopTestShop(shop);
});

describe("a completed order's receipt", () => {
  let order: OrderRead;

  beforeAll(async () => {
    // Hawaiian (12.00) large = 15.60, plus Bacon 2.00 and Olives 1.00 → 18.60 each; three → 55.80.
    const placed = await placeOrder(as(alice), {
      name: "Hawaiian",
      size: "LARGE",
      toppings: ["Bacon", "Olives"],
      quantity: 3,
      restaurantId: "Dominos",
      paymentToken: "tok_visa",
    });
    order = await completed(placed.id, dominosStaff, as(alice));
    expect(order.orderStatus).toBe("COMPLETED");
  });

  it("is written by the bus's Receipts listener and offered to its owner as a presigned link to a PDF that says what the order says", async () => {
    const url = (await waitForReceiptLink(order.id, as(alice))).receiptUrl;
    expect(url).toMatch(/X-Amz-Expires=300\b/);
    const response = await fetch(url!);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const text = await pdfText(new Uint8Array(await response.arrayBuffer()));
    expect(text).toContain("Dominos");
    expect(text).toMatch(/Order #\d{3}/);
    expect(text).toContain(`Order ${order.orderNumber}`);
    expect(text).toContain(`Reference ${order.id}`);
    expect(text).toMatch(/Hawaiian, Large \(35 cm\) 3 \$18\.60 \$55\.80/);
    expect(text).toContain("with Bacon, Olives");
    expect(text).toContain("Total $55.80");
    expect(text).toContain("Paid in full: $55.80");
    expect(order.totalCents).toBe(5580);
  });

  it("is written once: a second delivery of the event leaves the stored receipt as it was", async () => {
    const before = await storedReceipt(order.id);
    expect((await writeReceipt(order.id)).outcome).toBe("alreadyWritten");
    expect(await storedReceipt(order.id)).toEqual(before);
    // S3's own answer to a put that would replace it (the listener's conditional write).
    await expect(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: receiptKey(order.id), Body: "someone else's receipt", IfNoneMatch: "*" })),
    ).rejects.toMatchObject({ name: "PreconditionFailed" });
    expect(await storedReceipt(order.id)).toEqual(before);
  });

  it("goes to staff of its restaurant (who may read the order), and to nobody else: a stranger gets no link and S3 is unchanged", async () => {
    expect((await readOrder(order.id, as(dominosStaff)))!.receiptUrl).toContain(receiptKey(order.id));
    const keysBefore = await bucketKeys();
    const receiptBefore = await storedReceipt(order.id);
    expect(await readOrder(order.id, as(bob))).toBeNull();
    expect(await readOrder(order.id, as(luigisStaff))).toBeNull();
    expect(await readOrder(order.id, TEST_API_KEY)).toBeNull();
    expect(await readOrder(order.id, TEST_API_KEY, "not-the-secret")).toBeNull();
    expect(await bucketKeys()).toEqual(keysBefore);
    expect(await storedReceipt(order.id)).toEqual(receiptBefore);
  });

  it("cannot be fetched without a signature, nor with a link whose time is up", async () => {
    const signed = new URL((await readOrder(order.id, as(alice)))!.receiptUrl!);
    const unsigned = `${signed.origin}${signed.pathname}`;
    expect((await fetch(unsigned)).status).toBe(403);

    const shortLived = await new ReceiptStore(s3, bucket).presignedUrl(order.id, 1);
    expect((await fetch(shortLived)).status).toBe(200);
    const refused = await waitFor(
      () => fetch(shortLived),
      (response) => response.status !== 200,
      "the one-second link to expire",
      10_000,
    );
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Request has expired");
  });
});

describe("a guest's receipt", () => {
  it("goes to whoever holds the order's secret, and to nobody without it", async () => {
    const placed = await placeOrder(TEST_API_KEY, { name: "Pizza", quantity: 1, restaurantId: "Dominos", paymentToken: "tok_visa" });
    const order = await completed(placed.id, dominosStaff, TEST_API_KEY, placed.guestSecret!);
    const url = (await waitForReceiptLink(order.id, TEST_API_KEY, placed.guestSecret!)).receiptUrl;
    expect((await fetch(url!)).status).toBe(200);
    expect(await readOrder(order.id, TEST_API_KEY)).toBeNull();
    expect(await readOrder(order.id, as(alice))).toBeNull();
  });
});

describe("a refunded order's receipt", () => {
  it("says refunded: the shop cancelled the paid order, the bus's Refunded event wrote it once, and its owner gets the link", async () => {
    const placed = await placeOrder(as(alice), { name: "Margherita", quantity: 2, restaurantId: "Dominos", paymentToken: "tok_visa" });
    expect((await paymentEnded(placed.id, as(alice))).orderStatus).toBe(OrderStatus.Received);
    const cancelled = await graphql(shop.graphqlUrl, CANCEL_BY_SHOP, { id: placed.id, reason: "The oven broke" }, as(dominosStaff));
    expect(cancelled.body.errors).toBeUndefined();
    const refunded = await waitFor(
      () => readOrder(placed.id, as(alice)),
      (read) => read?.orderStatus === OrderStatus.Refunded && Boolean(read.receiptUrl),
      `order ${placed.id} refunded with a receipt`,
    );
    const response = await fetch(refunded!.receiptUrl!);
    expect(response.status).toBe(200);
    const text = await pdfText(new Uint8Array(await response.arrayBuffer()));
    expect(text).toContain("Receipt — refunded");
    expect(text).toContain(`Order ${refunded!.orderNumber}`);
    expect(text).toContain(`Refunded: $${(refunded!.totalCents / 100).toFixed(2)}`);
    expect(text).not.toContain("Paid in full");
    // A redelivery of the refund leaves it as it was.
    const before = await storedReceipt(placed.id);
    expect((await writeReceipt(placed.id)).outcome).toBe("alreadyWritten");
    expect(await storedReceipt(placed.id)).toEqual(before);
  });
});

describe("an order that earns no receipt", () => {
  it("gets none: a declined payment writes nothing and the order has no link", async () => {
    const placed = await placeOrder(as(alice), { name: "Pizza", quantity: 1, restaurantId: "Dominos", paymentToken: "tok_chargeDeclined" });
    const order = await paymentEnded(placed.id, as(alice));
    expect(order.orderStatus).toBe("PAYMENT_FAILED");
    const keysBefore = await bucketKeys();
    expect((await writeReceipt(order.id)).outcome).toBe("notOwed");
    expect(await bucketKeys()).toEqual(keysBefore);
    expect(keysBefore).not.toContain(receiptKey(order.id));
    expect((await readOrder(order.id, as(alice)))!.receiptUrl).toBeNull();
  });
});

describe("deliveries racing", () => {
  it("write the receipt once", async () => {
    const placed = await placeOrder(as(bob), { name: "Veggie", quantity: 2, restaurantId: "Luigis", paymentToken: "tok_visa" });
    await completed(placed.id, luigisStaff, as(bob));
    // The bus's own delivery races these three; exactly one of the four writes it, whichever.
    const outcomes = await Promise.all([writeReceipt(placed.id), writeReceipt(placed.id), writeReceipt(placed.id)]);
    await waitForReceiptLink(placed.id, as(bob));
    expect(outcomes.filter((result) => result.outcome === "written").length).toBeLessThanOrEqual(1);
    expect(outcomes.every((result) => ["written", "alreadyWritten"].includes(result.outcome))).toBe(true);
    expect((await bucketKeys()).filter((key) => key === receiptKey(placed.id))).toHaveLength(1);
  });
});
