// `pnpm --filter @pizza-orders/local redrive`: moves the dead-letter queue's messages back to the orders queue.
import { callShop } from "./shopApiClient";

try {
  const { moved } = (await callShop("/pipeline/redrive", "POST")) as { moved: number };
  console.log(`Moved ${moved} message(s) from the dead-letter queue back to the orders queue.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
