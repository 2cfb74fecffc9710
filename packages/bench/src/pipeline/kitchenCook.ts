// The bench's cook: between measured runs, a member of the bench restaurant's staff moves every
// order in its kitchen to COMPLETED, stage by stage, with the kitchen display's own calls
// (kitchenOrders, then advanceOrder per stage, through the local API).
//
// Why the bench cooks at all: a paid order waits in its restaurant's kitchen (RECEIVED) until its
// staff move it on. A kitchen that only fills is not a shop anyone runs: every admission's
// kitchen-index Query reads the whole, growing queue (postOrder slows run after run), and at the
// kitchen's capacity (rules in core's restaurantSettings.ts) postOrder refuses with "kitchen is
// full", so the later runs would measure refusals. A real kitchen drains as it cooks, so the queue
// an order meets stays small; the bench gets there by cooking between runs. It cooks between, not
// during, a run so the cook's own requests are not in a run's measured window (raising a
// restaurant's capacity instead would only defer the refusals and keep the Query growing).
import { type Fulfilment, nextKitchenStage, type OrderStatus } from "@pizza-orders/core/order/rules";
import { type SignedInCustomer, signUpCustomer } from "../../../local/test/support/customers";
import { waitFor } from "../../../local/test/support/waitFor";
import { BENCH_ORDER_INPUT } from "../benchOrder";
import { runBounded } from "../load";
import type { ShopClient, ShopEndpoints } from "./shopClient";

const KITCHEN_ORDERS_QUERY = "query KitchenOrders($restaurantId: String!) { kitchenOrders(restaurantId: $restaurantId) { id orderStatus fulfilment } }";
const ADVANCE_ORDER_MUTATION = "mutation AdvanceOrder($id: String!, $to: OrderStatus!) { advanceOrder(id: $id, to: $to) { id orderStatus fulfilment } }";
/** Orders cooked at once: a busy kitchen display, not a load test. */
const COOKS = 8;
const SETTLE_TIMEOUT_MS = 120_000;

interface KitchenOrder {
  id: string;
  orderStatus: OrderStatus;
  fulfilment: Fulfilment;
}

export class KitchenCook {
  private constructor(
    private readonly client: ShopClient,
    private readonly staff: SignedInCustomer,
    private readonly restaurantId: string,
  ) {}

  /** A new staff member of the restaurant the bench orders from. */
  static async hire(client: ShopClient, shop: ShopEndpoints, restaurantId: string = BENCH_ORDER_INPUT.restaurantId): Promise<KitchenCook> {
    return new KitchenCook(client, await signUpCustomer(shop, { staffOf: restaurantId, confirmWith: "admin" }), restaurantId);
  }

  /** Completes every order in the kitchen, then waits until the change feed has passed the changes on; returns how many it completed. */
  async clearKitchen(): Promise<number> {
    const auth = { token: this.staff.idToken };
    const { kitchenOrders } = await this.client.graphql<{ kitchenOrders: KitchenOrder[] }>(KITCHEN_ORDERS_QUERY, { restaurantId: this.restaurantId }, auth);
    const cookable = kitchenOrders.filter((order) => nextKitchenStage(order.fulfilment, order.orderStatus));
    await runBounded(cookable.length, COOKS, async (index) => {
      let at = cookable[index]!;
      for (let to = nextKitchenStage(at.fulfilment, at.orderStatus); to; to = nextKitchenStage(at.fulfilment, at.orderStatus)) {
        at = (await this.client.graphql<{ advanceOrder: KitchenOrder }>(ADVANCE_ORDER_MUTATION, { id: at.id, to }, auth)).advanceOrder;
      }
    });
    await waitFor(
      async () => (await this.client.pipelineReport()).orderChanges.lag,
      (lag) => lag === 0,
      "the change feed to pass on the kitchen's changes",
      SETTLE_TIMEOUT_MS,
    );
    return cookable.length;
  }
}
