// "Order again": a new order with the same lines, pickup/delivery and address, re-priced by the
// server from today's menu (orderAgain) and paid with the always-approved test card; then its tracker.
import { useMutation } from "@apollo/client";
import { TEST_PAYMENT_TOKENS } from "@pizza-orders/core/payment/paymentSimulator";
import { useState } from "react";
import { useLocation } from "wouter";
import { describeApiError } from "../api/apiErrors";
import { OrderAgainMutation } from "../api/operations";
import { rememberGuestOrder } from "../guest/guestOrders";
import { trackingPath } from "../guest/trackingLink";
import { useCheckoutAttempt } from "../orders/checkoutAttempt";

export function OrderAgainButton({ orderId, label, guestSecret }: { orderId: string; label: string; guestSecret?: string }) {
  const [, navigate] = useLocation();
  const [orderAgain, { loading }] = useMutation(OrderAgainMutation);
  const attempt = useCheckoutAttempt();
  const [problem, setProblem] = useState<string>();
  const run = async () => {
    setProblem(undefined);
    try {
      const result = await orderAgain({ variables: { id: orderId, guestSecret, paymentToken: TEST_PAYMENT_TOKENS.alwaysSucceeds, clientToken: attempt.token() } });
      const order = result.data?.orderAgain;
      if (!order) throw new Error("The shop did not return the new order.");
      attempt.renew();
      if (order.guestSecret) rememberGuestOrder({ id: order.id, guestSecret: order.guestSecret });
      navigate(trackingPath(order.id));
    } catch (error) {
      setProblem(describeApiError(error).message);
    }
  };
  return (
    <>
      <button type="button" className="button" disabled={loading} aria-label={`Order again: ${label}`} onClick={() => void run()}>
        {loading ? "Ordering…" : "Order again"}
      </button>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}
