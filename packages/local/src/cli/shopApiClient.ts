// Talks to a running local shop's API for the CLI commands, found through the same settings
// (LOCAL_HOST, LOCAL_API_PORT, LOCAL_API_KEY) the shop listens with; its developer routes need the key.
import { localShopSettingsFromEnv } from "../localShopSettings";

export async function callShop(path: string, method: "GET" | "POST" = "GET"): Promise<unknown> {
  const { host, apiPort, apiKey } = localShopSettingsFromEnv();
  const url = `http://${host}:${apiPort}${path}`;
  let response: Response;
  try {
    response = await fetch(url, { method, headers: { "x-api-key": apiKey } });
  } catch {
    throw new Error(`The local shop does not answer at ${url}. Start it with \`pnpm start\`.`);
  }
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}
