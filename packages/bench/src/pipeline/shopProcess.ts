// The local shop (API + pipeline, no web), alone in its own process with fresh data in a
// temporary folder, started the way `pnpm start` starts it. Beside it, on loopback, GET /memory
// answers the process's memory after a full garbage collection (the process runs with
// --expose-gc), so the bench can weigh what open subscriptions cost the shop.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
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

const collectGarbage = (globalThis as { gc?: () => void }).gc;
const memoryServer = createServer((_request, response) => {
  collectGarbage?.();
  const { rss, heapUsed, external } = process.memoryUsage();
  response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ rss, heapUsed, external, afterGc: collectGarbage !== undefined }));
});
await new Promise<void>((resolve) => memoryServer.listen(0, "127.0.0.1", resolve));

const { url, userPoolId, clientId } = shop.userPool;
const ready: ShopEndpoints = {
  graphqlUrl: shop.graphqlUrl,
  apiUrl: shop.apiUrl,
  apiKey: shop.apiKey,
  endpoints: shop.endpoints,
  userPool: { url, userPoolId, clientId },
  memoryUrl: `http://127.0.0.1:${(memoryServer.address() as AddressInfo).port}/memory`,
};
announceReady(ready);

process.on("SIGTERM", () => {
  memoryServer.close();
  void shop.stop().finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
