// The public pickup board (/board/<restaurantId>): the screen above a restaurant's counter. Order
// numbers only — no names, items or anything else about a customer (the API gives nothing more).
// It polls: live updates per restaurant are for its staff only (the subscription refuses
// strangers), and a counter screen needs a few seconds' freshness, not milliseconds.
import { useQuery } from "@apollo/client";
import { restaurantName } from "@pizza-orders/core/menu/menu";
import { describeApiError } from "../api/apiErrors";
import { PickupBoardQuery } from "../api/operations";
import { PageHeading } from "../components/PageHeading";
import { ErrorState, LoadingState } from "../components/StatusViews";

/** How often the board reads again: about one request per screen every few seconds. */
export const PICKUP_BOARD_POLL_MS = 5_000;

function NumberColumn({ title, numbers, empty }: { title: string; numbers: readonly string[]; empty: string }) {
  return (
    <section className="board-column" aria-labelledby={`board-${title}`}>
      <h2 id={`board-${title}`}>{title}</h2>
      {numbers.length === 0 ? (
        <p className="board-empty">{empty}</p>
      ) : (
        <ul aria-label={title} className="board-numbers">
          {numbers.map((number) => (
            <li key={number}>{number}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function PickupBoardPage({ restaurantId }: { restaurantId: string }) {
  const name = restaurantName(restaurantId);
  const board = useQuery(PickupBoardQuery, { variables: { restaurantId }, pollInterval: PICKUP_BOARD_POLL_MS });
  return (
    <>
      <PageHeading>{`Pickup — ${name}`}</PageHeading>
      {board.error && !board.data ? (
        <ErrorState problem={describeApiError(board.error)} onRetry={() => void board.refetch()} />
      ) : !board.data ? (
        <LoadingState label="Loading the pickup board…" />
      ) : (
        <div className="pickup-board" aria-live="polite">
          <NumberColumn title="Preparing" numbers={board.data.pickupBoard.preparing} empty="Nothing in the oven right now." />
          <NumberColumn title="Ready for pickup" numbers={board.data.pickupBoard.ready} empty="Nothing waiting at the counter." />
        </div>
      )}
    </>
  );
}
