// Talks to a running local shop's API (LOCAL_API_PORT, default 4000) for the CLI commands.
import { DEFAULT_API_PORT } from "../localShopSettings";

export function shopApiUrl(env: NodeJS.ProcessEnv = process.env): string {
  return `http://localhost:${env.LOCAL_API_PORT || DEFAULT_API_PORT}`;
}

export async function callShop(path: string, method: "GET" | "POST" = "GET"): Promise<unknown> {
  const url = `${shopApiUrl()}${path}`;
  let response: Response;
  try {
    response = await fetch(url, { method });
  } catch {
    throw new Error(`The local shop does not answer at ${url}. Start it with \`pnpm start\`.`);
  }
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}
