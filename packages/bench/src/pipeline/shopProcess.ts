// The local shop (API + pipeline, no web), alone in its own process with fresh data in a
// temporary folder, started the way `pnpm start` starts it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalShop } from "@pizza-orders/local/localShop";
import { localShopSettingsFromEnv } from "@pizza-orders/local/localShopSettings";
import { announceReady } from "../childProcess";
import type { ShopEndpoints } from "./shopClient";

const dataDir = mkdtempSync(join(tmpdir(), "pizza-bench-shop-"));
const shop = await startLocalShop({
  ...localShopSettingsFromEnv(),
  dataDir,
  apiPort: 0,
  cognitoPort: 0,
  mailSmtpPort: 0,
  mailInboxPort: 0,
  reset: true,
  log: (line) => process.stderr.write(`${line}\n`),
});
const ready: ShopEndpoints = { graphqlUrl: shop.graphqlUrl, apiUrl: shop.apiUrl, apiKey: shop.apiKey, endpoints: shop.endpoints };
announceReady(ready);

process.on("SIGTERM", () => {
  void shop.stop().finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
