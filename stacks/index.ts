// The app's stacks in dependency order, and the app-wide function defaults. sst.config.ts calls
// configurePizzaOrdersApp; the offline synth and the stack tests run sst.config.ts itself.
import type { App } from "sst/constructs";
import { Api } from "./Api";
import { Auth } from "./Auth";
import { Monitoring } from "./Monitoring";
import { Notifications } from "./Notifications";
import { suppressSstStackFindings } from "./nagSuppressions";
import { OrderChanges } from "./OrderChanges";
import { OrderEvents } from "./OrderEvents";
import { OrdersQueue } from "./OrdersQueue";
import { Reconciler } from "./Reconciler";
import { Site } from "./Site";
import { Storage } from "./Storage";
import { Workflow } from "./Workflow";

export const PIZZA_ORDERS_STACKS = [Storage, Notifications, Workflow, Reconciler, OrdersQueue, Auth, Api, OrderEvents, OrderChanges, Site, Monitoring] as const;

// Node.js 20 reached end of life in April 2026 and Lambda is retiring nodejs20.x. 24 is the
// current LTS and the newest Node runtime Lambda offers (cdk-nag's AwsSolutions-L1 asks for it);
// the handlers are bundled by esbuild and use nothing newer than Node 20, so they also run
// unchanged in the local mode on Node 20.
const LAMBDA_RUNTIME = "nodejs24.x";

export function configurePizzaOrdersApp(app: App): void {
  app.setDefaultFunctionProps({
    runtime: LAMBDA_RUNTIME,
    architecture: "arm_64",
    tracing: "active",
    environment: { NODE_OPTIONS: "--enable-source-maps" },
  });
  for (const stack of PIZZA_ORDERS_STACKS) app.stack(stack);
  suppressSstStackFindings(app);
}
