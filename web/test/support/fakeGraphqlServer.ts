// A stand-in for the GraphQL endpoint, plugged into the app's real Apollo client through its fetch.
// It records every request so tests can count them (double submit, polling) and answers with
// whatever the test scripts — data, AppSync-style errors, HTTP failures or no connection at all.
import { CURRENCY, PIZZAS, RESTAURANTS, SIZES, TOPPINGS } from "@pizza-orders/core/menu/menu";
import { ORDER_LIMITS } from "@pizza-orders/core/order/rules";

export interface RecordedRequest {
  operationName: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
  /** Milliseconds on the (possibly fake) clock when the request was sent. */
  at: number;
}

export type Answer =
  | { data: unknown; errors?: undefined }
  | { errors: { message: string; errorType?: string }[]; data?: unknown }
  | { httpStatus: number; body?: string }
  | { offline: true };

export type Handler = (request: RecordedRequest) => Answer | Promise<Answer>;

export function fakeGraphqlServer(handler: Handler) {
  const requests: RecordedRequest[] = [];
  const fetch = async (_url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body)) as { operationName: string; variables?: Record<string, unknown> };
    const request: RecordedRequest = {
      operationName: body.operationName,
      variables: body.variables ?? {},
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      at: Date.now(),
    };
    requests.push(request);
    const answer = await handler(request);
    if ("offline" in answer) throw new TypeError("Failed to fetch");
    if ("httpStatus" in answer) return new Response(answer.body ?? "", { status: answer.httpStatus });
    return new Response(JSON.stringify(answer), { status: 200, headers: { "content-type": "application/json" } });
  };
  const requestsFor = (operationName: string) => requests.filter((request) => request.operationName === operationName);
  return { fetch: fetch as typeof globalThis.fetch, requests, requestsFor };
}

/** The menu as the API serves it: the core's menu, with Apollo's __typename fields. */
export const MENU_RESPONSE = {
  menu: {
    __typename: "Menu",
    currency: CURRENCY,
    pizzas: PIZZAS.map((pizza) => ({ __typename: "MenuPizza", ...pizza })),
    sizes: SIZES.map((size) => ({ __typename: "MenuSize", ...size })),
    toppings: TOPPINGS.map((topping) => ({ __typename: "MenuTopping", ...topping })),
    restaurants: RESTAURANTS.map((restaurant) => ({ __typename: "MenuRestaurant", ...restaurant })),
    limits: {
      __typename: "OrderLimits",
      minQuantity: ORDER_LIMITS.minQuantity,
      maxQuantity: ORDER_LIMITS.maxQuantity,
      maxToppings: ORDER_LIMITS.maxToppings,
    },
  },
};

type Status = "QUEUED" | "PENDING_PAYMENT" | "COMPLETED" | "PAYMENT_FAILED" | "CANCELLED";

const STATUS_PATH: Record<Status, Status[]> = {
  QUEUED: ["QUEUED"],
  PENDING_PAYMENT: ["QUEUED", "PENDING_PAYMENT"],
  COMPLETED: ["QUEUED", "PENDING_PAYMENT", "COMPLETED"],
  PAYMENT_FAILED: ["QUEUED", "PENDING_PAYMENT", "PAYMENT_FAILED"],
  CANCELLED: ["QUEUED", "CANCELLED"],
};

export function orderResponse(overrides: { id: string; orderStatus: Status; failureReason?: string | null; createdAt?: string } & Record<string, unknown>) {
  const createdAt = overrides.createdAt ?? "2026-01-01T12:00:00.000Z";
  const start = Date.parse(createdAt);
  return {
    __typename: "Order",
    name: "Margherita",
    quantity: 2,
    restaurantId: "Luigis",
    size: "MEDIUM",
    toppings: [],
    customerEmail: null,
    totalCents: 2000,
    total: 20,
    currency: "USD",
    failureReason: null,
    createdAt,
    updatedAt: createdAt,
    statusHistory: STATUS_PATH[overrides.orderStatus].map((status, index) => ({
      __typename: "OrderStatusChange",
      status,
      at: new Date(start + index * 1000).toISOString(),
    })),
    ...overrides,
  };
}
