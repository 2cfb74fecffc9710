// `pnpm --filter @pizza-orders/local reset`: deletes the local data (orders, outbox, queue contents, executions).
import { resetLocalData } from "../localShop";
import { localShopSettingsFromEnv } from "../localShopSettings";

const { dataDir } = localShopSettingsFromEnv();
resetLocalData(dataDir);
console.log(`Local data in ${dataDir} deleted. Stop a running shop first: it keeps writing to these files while it runs.`);
