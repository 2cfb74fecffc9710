// A stand-in for the GraphQL endpoint, plugged into the app's real Apollo client through its fetch.
// It records every request so tests can count them (double submit, polling) and answers with
// whatever the test scripts — data, AppSync-style errors, HTTP failures or no connection at all.
import { CURRENCY, PIZZAS, RESTAURANTS, SIZES, TOPPINGS } from "@pizza-orders/core/menu/menu";
import { ORDER_LIMITS } from "@pizza-orders/core/order/rules";
import type {
  CancelOrderMutation,
  ClaimGuestOrdersMutation,
  DeleteOrderMutation,
  MenuQuery,
  MeQuery,
  MyOrdersQuery,
  OrderFieldsFragment,
  OrderReceiptQuery,
  OrderStatus,
  PickupBoardQuery,
  PlaceOrderMutation,
  TrackOrderQuery,
  UpdateOrderMutation,
} from "../../src/gql/graphql";

export interface RecordedRequest {
  operationName: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
  /** Milliseconds on the (possibly fake) clock when the request was sent. */
  at: number;
}

/** An error as AppSync delivers it: `errorType` beside `message`, and `errorInfo` if the resolver sets it. */
export interface AppSyncErrorAnswer {
  message: string;
  errorType?: string;
  errorInfo?: { fieldErrors?: Record<string, string> } | null;
}

/** What each operation of the app answers, as the generated types (from the schema) declare it. */
export interface OperationResults {
  Menu: MenuQuery;
  TrackOrder: TrackOrderQuery;
  OrderReceipt: OrderReceiptQuery;
  MyOrders: MyOrdersQuery;
  Me: MeQuery;
  PlaceOrder: PlaceOrderMutation;
  UpdateOrder: UpdateOrderMutation;
  CancelOrder: CancelOrderMutation;
  DeleteOrder: DeleteOrderMutation;
  ClaimGuestOrders: ClaimGuestOrdersMutation;
  PickupBoard: PickupBoardQuery;
}

export type OperationName = keyof OperationResults;

/**
 * The generated result types leave out `__typename` (the client preset's choice), while a real
 * answer carries it on every object and Apollo's cache needs it: allow it everywhere.
 */
export type WithTypenames<T> = T extends readonly (infer Item)[]
  ? WithTypenames<Item>[]
  : T extends object
    ? { [K in keyof T]: WithTypenames<T[K]> } & { __typename?: string }
    : T;

export type AnswerFor<Data> =
  | { data: WithTypenames<Data>; errors?: undefined }
  | { errors: AppSyncErrorAnswer[]; data?: null }
  | { httpStatus: number; body?: string }
  | { offline: true };

export type Answer = AnswerFor<OperationResults[OperationName]>;

export type Handler = (request: RecordedRequest) => Answer | Promise<Answer>;

export type OperationHandlers = {
  [Op in OperationName]?: (request: RecordedRequest) => AnswerFor<OperationResults[Op]> | Promise<AnswerFor<OperationResults[Op]>>;
};

/** A shop answering each operation with its typed handler; the menu is served unless a test overrides it. */
export function shopAnswering(handlers: OperationHandlers): Handler {
  return (request) => {
    if (request.operationName === "Menu" && !handlers.Menu) return { data: MENU_RESPONSE };
    const handler = handlers[request.operationName as OperationName] as Handler | undefined;
    if (!handler) throw new Error(`unexpected ${request.operationName}`);
    return handler(request);
  };
}

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
export const MENU_RESPONSE: WithTypenames<MenuQuery> = {
  menu: {
    __typename: "Menu",
    currency: CURRENCY,
    pizzas: PIZZAS.map((pizza) => ({ __typename: "MenuPizza" as const, ...pizza })),
    sizes: SIZES.map((size) => ({ __typename: "MenuSize" as const, ...size })),
    toppings: TOPPINGS.map((topping) => ({ __typename: "MenuTopping" as const, ...topping })),
    restaurants: RESTAURANTS.map((restaurant) => ({ __typename: "MenuRestaurant" as const, ...restaurant })),
    limits: {
      __typename: "OrderLimits",
      minQuantity: ORDER_LIMITS.minQuantity,
      maxQuantity: ORDER_LIMITS.maxQuantity,
      maxToppings: ORDER_LIMITS.maxToppings,
    },
  },
};

type Status = OrderStatus;

export type OrderAnswer = OrderFieldsFragment & { __typename: "Order" };

const STATUS_PATH: Record<Status, Status[]> = {
  QUEUED: ["QUEUED"],
  PENDING_PAYMENT: ["QUEUED", "PENDING_PAYMENT"],
  COMPLETED: ["QUEUED", "PENDING_PAYMENT", "COMPLETED"],
  PAYMENT_FAILED: ["QUEUED", "PENDING_PAYMENT", "PAYMENT_FAILED"],
  CANCELLED: ["QUEUED", "CANCELLED"],
  RECEIVED: ["QUEUED", "PENDING_PAYMENT", "RECEIVED"],
  PREPARING: ["QUEUED", "PENDING_PAYMENT", "RECEIVED", "PREPARING"],
  BAKING: ["QUEUED", "PENDING_PAYMENT", "RECEIVED", "PREPARING", "BAKING"],
  READY: ["QUEUED", "PENDING_PAYMENT", "RECEIVED", "PREPARING", "BAKING", "READY"],
  OUT_FOR_DELIVERY: ["QUEUED", "PENDING_PAYMENT", "RECEIVED", "PREPARING", "BAKING", "READY", "OUT_FOR_DELIVERY"],
  CANCELLED_BY_SHOP: ["QUEUED", "PENDING_PAYMENT", "RECEIVED", "CANCELLED_BY_SHOP"],
  REFUNDED: ["QUEUED", "PENDING_PAYMENT", "RECEIVED", "CANCELLED_BY_SHOP", "REFUNDED"],
};

export function orderResponse(overrides: { id: string; orderStatus: Status } & Partial<OrderFieldsFragment>): OrderAnswer {
  const createdAt = overrides.createdAt ?? "2026-01-01T12:00:00.000Z";
  const start = Date.parse(createdAt);
  // The order's one line, as the API shows an order of one pizza (unless the test gives its lines).
  const name = overrides.name ?? "Margherita";
  const quantity = overrides.quantity ?? 2;
  const totalCents = overrides.totalCents ?? 2000;
  return {
    __typename: "Order" as const,
    lines: [
      {
        __typename: "OrderLine",
        pizza: name,
        size: overrides.size ?? "MEDIUM",
        toppings: overrides.toppings ?? [],
        quantity,
        unitPriceCents: totalCents / quantity,
        lineTotalCents: totalCents,
      } as OrderFieldsFragment["lines"][number],
    ],
    fulfilment: "PICKUP",
    deliveryAddress: null,
    orderNumber: null,
    eta: null,
    subtotalCents: totalCents,
    deliveryFeeCents: 0,
    refund: null,
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
      __typename: "OrderStatusChange" as const,
      status,
      at: new Date(start + index * 1000).toISOString(),
      by: null,
      reason: null,
    })),
    ...overrides,
  };
}
