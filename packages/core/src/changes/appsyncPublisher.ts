// Pushes each committed order change to AppSync's subscribers: the IAM-only publishOrderUpdate
// mutation (a NONE data source), signed with SigV4 by the function's own role credentials. AppSync
// then delivers the update to the subscriptions whose arguments match. The local API accepts the
// same signed request, so this code runs unchanged in local mode.
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { ConfigurationError, TransientOrderError } from "../errors";
import { parseJsonText } from "../jsonText";
import type { OrderChange } from "./orderChange";
import type { OrderChangeListener } from "./orderChangeListener";
import { orderUpdateOf, PUBLISH_ORDER_UPDATE_MUTATION } from "./orderUpdate";

export interface PublisherCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface AppSyncPublisherSettings {
  graphqlUrl: string;
  region: string;
  /** Read per publish: Lambda rotates role credentials in the environment. */
  credentials: () => PublisherCredentials;
  fetch?: typeof fetch;
}

/** The publish was refused or failed; thrown so the change source retries it (at-least-once). */
export class OrderUpdatePublishError extends TransientOrderError {}

/**
 * The order-changes listener that pushes live status. Idempotent by the change id as listeners must
 * be: a redelivered change publishes the same update (same `changeId`) again, which a screen
 * recognises and drops; the publish itself has no other effect (NONE data source).
 */
export class AppSyncOrderUpdatePublisher implements OrderChangeListener {
  readonly name = "appsync";
  private readonly fetch: typeof fetch;
  private readonly url: URL;
  private readonly signer: SignatureV4;

  // Built once per function instance: the signer asks `credentials` on every signing, so rotated
  // role credentials are still picked up.
  constructor(settings: AppSyncPublisherSettings) {
    this.fetch = settings.fetch ?? fetch;
    this.url = new URL(settings.graphqlUrl);
    this.signer = new SignatureV4({ credentials: async () => settings.credentials(), region: settings.region, service: "appsync", sha256: Sha256 });
  }

  handle(change: OrderChange): Promise<void> {
    return this.publish(change);
  }

  async publish(change: OrderChange): Promise<void> {
    const body = JSON.stringify({ query: PUBLISH_ORDER_UPDATE_MUTATION, variables: { update: orderUpdateOf(change) } });
    const url = this.url;
    const signed = await this.signer.sign({
      method: "POST",
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query: {},
      headers: { host: url.host, "content-type": "application/json" },
      body,
    });
    // fetch sets Host itself (and refuses to be given one); it is the same value that was signed.
    const { host: _host, ...headers } = signed.headers as Record<string, string>;
    const response = await this.fetch(url, { method: "POST", headers, body });
    const text = await response.text();
    const answer = parseJsonText(text) as { errors?: Array<{ errorType?: string; message?: string }> } | null | undefined;
    if (!response.ok || !answer || (answer.errors && answer.errors.length > 0)) {
      const reason = answer?.errors?.map((error) => `${error.errorType ?? "Error"}: ${error.message ?? ""}`).join("; ") ?? text.slice(0, 200);
      throw new OrderUpdatePublishError(`publishOrderUpdate for order ${change.orderId} failed (HTTP ${response.status}): ${reason}`);
    }
  }
}

/** The publisher as a function configures it: ORDERS_API_URL and the runtime's role credentials (AWS_REGION, AWS_ACCESS_KEY_ID…). */
export function appsyncPublisherFromEnv(env: NodeJS.ProcessEnv = process.env): AppSyncOrderUpdatePublisher {
  const graphqlUrl = env.ORDERS_API_URL;
  const region = env.AWS_REGION;
  if (!graphqlUrl || !region) throw new ConfigurationError("Missing configuration: ORDERS_API_URL, AWS_REGION");
  return new AppSyncOrderUpdatePublisher({
    graphqlUrl,
    region,
    credentials: () => {
      const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = env;
      if (!accessKeyId || !secretAccessKey) throw new ConfigurationError("Missing configuration: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY");
      return { accessKeyId, secretAccessKey, sessionToken };
    },
  });
}
