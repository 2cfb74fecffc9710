// Client settings for talking to the local emulators from the shop itself and from tests.
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

export function localClientConfig(endpoint: string) {
  return { endpoint, region: "us-east-1", credentials: LOCAL_CREDENTIALS, maxAttempts: 1 };
}
