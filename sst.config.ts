// pizza-orders on SST v2. The stacks, their order and the function defaults live in stacks/index.ts
// (shared with the offline synth and the stack tests). Deploy-time settings, read from the
// environment of `sst deploy` / `sst dev` (see stacks/stageConfig.ts):
//   AWS_REGION                 region to deploy to (default us-east-1)
//   ORDER_NOTIFICATION_EMAIL   address subscribed to the order notifications (none when unset)
//   PAYMENT_SUCCESS_RATE       0..1, the simulated payment success rate (default 0.9)
import type { SSTConfig } from "sst";
import { configurePizzaOrdersApp } from "./stacks";

export default {
  config() {
    return {
      name: "pizza-orders",
      region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1",
    };
  },
  stacks(app) {
    configurePizzaOrdersApp(app);
  },
} satisfies SSTConfig;
