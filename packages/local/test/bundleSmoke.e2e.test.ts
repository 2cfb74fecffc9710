// The bundle smoke test: every Lambda function of the function manifest built by SST's own builder
// exactly as `sst deploy` builds it (src/lambda/sstDeployBundler.ts), each bundle imported the way
// Lambda starts an instance, then one order driven through those bundles in the local shop
// (dynalite, the queue, workflow and SNS stand-ins, the AppSync stand-in): postOrder → queue
// consumer → InitializeOrder → ProcessPayment → CompleteOrder → e-mail, and the table's stream
// consumer publishing every change to a customer's subscription. The other tests run the shop's
// own shared build; this one catches what only the deployed bundles would show: a package left
// external, import.meta or top-level await breaking in SST's output, a module that fails at init.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { APP_FUNCTIONS } from "@pizza-orders/functions/functionManifest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_FUNCTION_DEFAULTS } from "../../../stacks/appFunctionDefaults";
import type { LocalShop } from "../src/localShop";
import { type SignedInCustomer, signUpCustomer } from "./support/customers";
import { graphql } from "./support/graphqlClient";
import { sstDeployBundler } from "../src/lambda/sstDeployBundler";
import { ON_CUSTOMER_ORDER_UPDATES, type Subscriber, subscribe } from "./support/subscriptionClient";
import { startTestShop, stopTestShop } from "./support/testShop";
import { waitFor } from "./support/waitFor";

/** The first line of SST's ESM banner: a bundle without it was not built the way SST builds for Lambda. */
const SST_BANNER_START = "import { createRequire as topLevelCreateRequire } from 'module';";

let bundleDir: string;
let bundles: Map<string, string>;
let shop: LocalShop | undefined;

beforeAll(async () => {
  bundleDir = mkdtempSync(join(tmpdir(), "pizza-orders-sst-bundles-"));
  const build = sstDeployBundler(bundleDir, APP_FUNCTION_DEFAULTS);
  shop = await startTestShop({
    bundleHandlers: async (entries) => {
      bundles = await build(entries);
      return bundles;
    },
    reconcilerIntervalSeconds: 0,
  });
});

afterAll(async () => {
  await stopTestShop(shop);
  rmSync(bundleDir, { recursive: true, force: true });
});

/** Lambda's init phase for a bundle: import it in a fresh thread with the function's environment; what `handler` is, or the error. */
function initialise(bundleUrl: string, environment: Record<string, string>): Promise<string> {
  const probe = `
    const { parentPort, workerData } = require("node:worker_threads");
    import(workerData.bundleUrl).then(
      (module) => parentPort.postMessage(typeof module.handler),
      (error) => parentPort.postMessage("import failed: " + (error && error.stack ? error.stack : String(error))),
    );`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(probe, { eval: true, workerData: { bundleUrl }, env: environment, execArgv: ["--enable-source-maps"] });
    worker.once("message", (answer: string) => {
      resolve(answer);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

describe("the Lambda bundles as `sst deploy` builds them", () => {
  it("are one SST-built bundle per function of the manifest, outside any node_modules, and each initialises with a handler", async () => {
    expect([...bundles.keys()].sort()).toEqual([...new Set(APP_FUNCTIONS.map((fn) => fn.handler))].sort());
    // Nothing above the bundles can lend them a package Lambda would not have.
    const ancestors = [dirname(bundleDir)];
    while (ancestors.at(-1) !== dirname(ancestors.at(-1)!)) ancestors.push(dirname(ancestors.at(-1)!));
    expect(ancestors.filter((dir) => existsSync(join(dir, "node_modules")))).toEqual([]);
    for (const [handler, url] of bundles) {
      const file = fileURLToPath(url);
      expect(file.startsWith(bundleDir), handler).toBe(true);
      expect(readFileSync(file, "utf8").startsWith(SST_BANNER_START), handler).toBe(true);
    }
    const answers = await Promise.all([...bundles].map(async ([handler, url]) => [handler, await initialise(url, shop!.environment)] as const));
    expect(answers.filter(([, answer]) => answer !== "function")).toEqual([]);
  });

  it("carry one order from postOrder to its e-mail, and every change to the customer's subscription", async () => {
    const running = shop!;
    const customer: SignedInCustomer = await signUpCustomer(running, { confirmWith: "admin" });
    const auth = { token: customer.idToken };
    let subscriber: Subscriber | undefined;
    try {
      subscriber = subscribe(running, auth, ON_CUSTOMER_ORDER_UPDATES, { customerId: customer.sub });
      await subscriber.whenStarted();

      const menu = await graphql<{ menu: { restaurants: Array<{ id: string }> } }>(running.graphqlUrl, "{ menu { restaurants { id } } }", {}, auth);
      const restaurantId = menu.body.data!.menu.restaurants[0]!.id;
      const placed = await graphql<{ postOrder: { id: string; orderStatus: string } }>(
        running.graphqlUrl,
        "mutation($input: OrderInput!) { postOrder(input: $input) { id orderStatus } }",
        { input: { name: "Margherita", quantity: 2, restaurantId, paymentToken: "tok_visa" } },
        auth,
      );
      expect(placed.body.errors).toBeUndefined();
      const orderId = placed.body.data!.postOrder.id;
      expect(placed.body.data!.postOrder.orderStatus).toBe("QUEUED");

      const watching = subscriber;
      await waitFor(
        () => watching.updates.filter((update) => update.orderId === orderId).map((update) => update.orderStatus),
        (statuses) => statuses.includes("RECEIVED"),
        "the order's updates to reach RECEIVED (paid: with its kitchen)",
      );
      expect(watching.updates.filter((update) => update.orderId === orderId).map((update) => update.orderStatus)).toEqual([
        "QUEUED",
        "PENDING_PAYMENT",
        "RECEIVED",
      ]);

      const read = await graphql<{ order: { orderStatus: string } | null; myOrders: { items: Array<{ id: string }> } }>(
        running.graphqlUrl,
        "query($id: String!) { order(id: $id) { orderStatus } myOrders { items { id } } }",
        { id: orderId },
        auth,
      );
      expect(read.body.data).toEqual({ order: { orderStatus: "RECEIVED" }, myOrders: { items: [{ id: orderId }] } });
      await waitFor(
        () => running.outbox.all().filter((notification) => JSON.stringify(notification).includes(orderId)).length,
        (count) => count > 0,
        "the order's e-mail",
      );
      expect(running.outbox.all().filter((notification) => JSON.stringify(notification).includes(orderId))).toHaveLength(1);

      // The reconciler's bundle runs too (nothing is overdue).
      await running.reconcileNow();

      const ran = [
        running.functions.resolvers.get("Mutation.postOrder")!,
        running.functions.queueConsumer,
        ...running.functions.workflowTasks.values(),
        running.functions.orderChangesConsumer,
        running.functions.reconciler,
      ];
      expect(running.functions.queueConsumer.invocations).toBeGreaterThan(0);
      expect(running.functions.orderChangesConsumer.invocations).toBeGreaterThan(0);
      expect(running.functions.reconciler.invocations).toBe(1);
      expect(ran.filter((fn) => fn.errors > 0).map((fn) => fn.name)).toEqual([]);
      const { orderChanges, deadLetterQueue } = running.pipeline();
      expect({ failed: orderChanges.consumer?.failedInvocations, toDestination: orderChanges.deadLetterQueueDepth }).toEqual({ failed: 0, toDestination: 0 });
      expect(deadLetterQueue.depth).toBe(0);
    } finally {
      subscriber?.stop();
    }
  });
});
