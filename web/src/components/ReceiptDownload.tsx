import { useQuery } from "@apollo/client";
import { RECEIPT_LINK_SECONDS, RECEIPT_STATUSES } from "@pizza-orders/core/receipt/receipt";
import { useEffect } from "react";
import { OrderReceiptQuery } from "../api/operations";
import type { OrderStatus } from "../gql/graphql";

/** The receipt is written just after the order completes: look again this often while there is none… */
export const RECEIPT_LOOK_AGAIN_MS = 3_000;
/** …for at most this long (then the page stops asking; reloading it asks again). */
export const RECEIPT_LOOK_FOR_MS = 2 * 60_000;
/** A link works RECEIPT_LINK_SECONDS: a fresh one is fetched a minute before it runs out. */
export const RECEIPT_LINK_REFRESH_MS = (RECEIPT_LINK_SECONDS - 60) * 1000;

/** "Download receipt" once the order has a receipt (the server decides who gets a link, and when). */
export function ReceiptDownload({ orderId, status, guestSecret }: { orderId: string; status: OrderStatus; guestSecret?: string }) {
  const owed = (RECEIPT_STATUSES as readonly string[]).includes(status);
  const { data, startPolling, stopPolling } = useQuery(OrderReceiptQuery, {
    variables: { id: orderId, guestSecret },
    fetchPolicy: "network-only",
    skip: !owed,
  });
  const receiptUrl = data?.order?.receiptUrl ?? null;

  // Polling is started and stopped by hand: Apollo's pollInterval option is not stopped by stopPolling.
  useEffect(() => {
    if (!owed) return;
    startPolling(receiptUrl ? RECEIPT_LINK_REFRESH_MS : RECEIPT_LOOK_AGAIN_MS);
    const giveUp = receiptUrl ? undefined : setTimeout(stopPolling, RECEIPT_LOOK_FOR_MS);
    return () => {
      clearTimeout(giveUp);
      stopPolling();
    };
  }, [owed, receiptUrl, startPolling, stopPolling]);

  if (!receiptUrl) return null;
  return (
    <p className="receipt-download">
      <a className="button" href={receiptUrl} download={`receipt-${orderId}.pdf`}>
        Download receipt
      </a>
    </p>
  );
}
