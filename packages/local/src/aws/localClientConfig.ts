// Client settings for talking to the local emulators from the shop itself and from tests.
import { LOCAL_REGION } from "./localResources";

export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

export function localClientConfig(endpoint: string) {
  return { endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 };
}
