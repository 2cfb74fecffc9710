// The app's stacks in dependency order, and the app-wide function defaults. sst.config.ts calls
// configurePizzaOrdersApp; the offline synth and the stack tests run sst.config.ts itself.
import type { App } from "sst/constructs";
import { Api } from "./Api";
import { Auth } from "./Auth";
import { APP_FUNCTION_DEFAULTS } from "./appFunctionDefaults";
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

export const PIZZA_ORDERS_STACKS = [Storage, Notifications, Workflow, Reconciler, OrdersQueue, Auth, Api, Site, OrderEvents, OrderChanges, Monitoring] as const;

export function configurePizzaOrdersApp(app: App): void {
  app.setDefaultFunctionProps(APP_FUNCTION_DEFAULTS);
  for (const stack of PIZZA_ORDERS_STACKS) app.stack(stack);
  suppressSstStackFindings(app);
}
