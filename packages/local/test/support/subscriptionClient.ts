// Subscribes through the local API's real-time endpoint with the client the web app uses: Apollo
// Client over aws-appsync-subscription-link's createSubscriptionHandshakeLink (AppSync's own link),
// pointed at the local GraphQL URL (the link derives ws://…/graphql/realtime from it).
// The ESM entry by its file: Node itself (the bench runs this client under tsx, outside vitest)
// resolves the bare "@apollo/client/core" to its CommonJS build, whose named exports it cannot see.
import { type ApolloLink, execute, gql } from "@apollo/client/core/index.js";
import type { OrderUpdate } from "@pizza-orders/core/changes/orderUpdate";
import { CONTROL_EVENTS_KEY, createSubscriptionHandshakeLink } from "aws-appsync-subscription-link";
import { WebSocket } from "ws";
import { LOCAL_REGION } from "../../src/aws/localResources";
import type { LocalShop } from "../../src/localShop";
import { waitFor } from "./waitFor";

// Browsers have a WebSocket; Node 20 does not, so the link gets ws's (the same API).
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

export type SubscriberAuth = { apiKey: string } | { token: string };

/** What the tests select of the core's OrderUpdate: routing, status and the change's place in its order's history. */
const SELECTED_FIELDS = [
  "orderId",
  "customerId",
  "restaurantId",
  "orderStatus",
  "sequence",
  "changeId",
  "at",
] as const satisfies readonly (keyof OrderUpdate)[];

export const ORDER_UPDATE_FIELDS = SELECTED_FIELDS.join(" ");

export const ON_ORDER_UPDATE = `subscription OnOrderUpdate($orderId: String!, $guestTrackingKey: String) {
  onOrderUpdate(orderId: $orderId, guestTrackingKey: $guestTrackingKey) { ${ORDER_UPDATE_FIELDS} }
}`;
export const ON_CUSTOMER_ORDER_UPDATES = `subscription OnCustomerOrderUpdates($customerId: String!) {
  onCustomerOrderUpdates(customerId: $customerId) { ${ORDER_UPDATE_FIELDS} }
}`;
export const ON_RESTAURANT_ORDER_UPDATES = `subscription OnRestaurantOrderUpdates($restaurantId: String!) {
  onRestaurantOrderUpdates(restaurantId: $restaurantId) { ${ORDER_UPDATE_FIELDS} }
}`;

export type ReceivedUpdate = Pick<OrderUpdate, (typeof SELECTED_FIELDS)[number]>;

/** One subscription as a screen holds it: what arrived, whether it started, how it ended. */
export class Subscriber {
  readonly updates: ReceivedUpdate[] = [];
  /** Date.now() when each of `updates` arrived (same index): how late a screen shows a change. */
  readonly receivedAt: number[] = [];
  readonly errors: string[] = [];
  started = false;
  ended = false;
  private readonly subscription: { unsubscribe(): void };

  constructor(link: ApolloLink, query: string, variables: Record<string, unknown>) {
    // The link reports start_ack (a result without data, extensions.controlMsgType CONNECTED) only
    // when asked to with its control-events context; a screen needs it to know the socket is live.
    this.subscription = execute(link, { query: gql(query), variables, context: { controlMessages: { [CONTROL_EVENTS_KEY]: true } } }).subscribe({
      next: (result) => {
        const data = result.data as Record<string, ReceivedUpdate | null> | null | undefined;
        const update = data ? Object.values(data)[0] : undefined;
        // The link reports start_ack as a result without data (extensions.controlMsgType CONNECTED).
        if (update) {
          const { __typename: _typename, ...fields } = update as ReceivedUpdate & { __typename?: string };
          this.updates.push(fields);
          this.receivedAt.push(Date.now());
        } else this.started = true;
      },
      error: (error: unknown) => {
        this.errors.push(describe(error));
        this.ended = true;
      },
      complete: () => {
        this.ended = true;
      },
    });
  }

  /** Resolves when the server acknowledged the start; rejects with the refusal otherwise. */
  async whenStarted(): Promise<void> {
    await waitFor(() => this.started || this.ended, Boolean, "the subscription to start or fail", 15_000);
    if (!this.started) throw new Error(`The subscription was refused: ${this.errors.join("; ")}`);
  }

  async whenEnded(): Promise<void> {
    await waitFor(() => this.ended, Boolean, "the subscription to end", 15_000);
  }

  stop(): void {
    this.subscription.unsubscribe();
  }
}

function describe(error: unknown): string {
  if (error && typeof error === "object" && "errors" in error) return JSON.stringify((error as { errors: unknown }).errors);
  return error instanceof Error ? error.message : JSON.stringify(error);
}

export function subscriptionLink(shop: Pick<LocalShop, "graphqlUrl">, auth: SubscriberAuth): ApolloLink {
  return createSubscriptionHandshakeLink({
    url: shop.graphqlUrl,
    region: LOCAL_REGION,
    auth: "apiKey" in auth ? { type: "API_KEY", apiKey: auth.apiKey } : { type: "AMAZON_COGNITO_USER_POOLS", jwtToken: auth.token },
    // The link types `type` as aws-appsync-auth-link's AUTH_TYPE enum, whose values are these strings.
  } as never);
}

export function subscribe(shop: Pick<LocalShop, "graphqlUrl">, auth: SubscriberAuth, query: string, variables: Record<string, unknown>): Subscriber {
  return new Subscriber(subscriptionLink(shop, auth), query, variables);
}
