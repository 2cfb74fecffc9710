// What every log line, metric and trace of the app is filed under: one service name, and the
// stage the function runs in (SST sets SST_STAGE on every function it deploys; the local shop sets
// "local"), so two stages in one account never mix their metrics.
export const SERVICE_NAME = "pizza-orders";

export function stageOfFunction(env: NodeJS.ProcessEnv = process.env): string {
  return env.SST_STAGE || "local";
}
