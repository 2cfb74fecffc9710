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
