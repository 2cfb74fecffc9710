// The whole local pipeline (API, DynamoDB, queue, workflow, outbox) on free ports with its own
// empty data folder, exactly as `pnpm start` runs it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalShop, type LocalShop } from "../../../packages/local/src/localShop";
import { localShopSettingsFromEnv } from "../../../packages/local/src/localShopSettings";

export const TEST_API_KEY = "browser-test-api-key";

export async function startTestShop(): Promise<{ shop: LocalShop; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), "pizza-browser-shop-"));
  const logs: string[] = [];
  const shop = await startLocalShop({
    ...localShopSettingsFromEnv({}),
    dataDir,
    apiPort: 0,
    apiKey: TEST_API_KEY,
    reset: true,
    log: (line) => logs.push(line),
  });
  return {
    shop,
    close: async () => {
      await shop.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
