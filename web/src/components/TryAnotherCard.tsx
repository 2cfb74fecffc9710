// "Try another card" after a decline: the same order goes back to the payment with another test
// card (retryPayment), its lines and total unchanged — no form to fill again.
import { useMutation } from "@apollo/client";
import { useId, useState } from "react";
import { describeApiError } from "../api/apiErrors";
import { RetryPaymentMutation } from "../api/operations";
import { PAYMENT_CHOICES } from "../orders/orderDraft";

// Only real cards: "no token" is not a card to try.
const CARDS = PAYMENT_CHOICES.filter((choice) => choice.token !== "");

export function TryAnotherCard({ orderId, guestSecret }: { orderId: string; guestSecret?: string }) {
  const id = useId();
  const [token, setToken] = useState(CARDS[0].token);
  const [problem, setProblem] = useState<string>();
  const [retry, { loading }] = useMutation(RetryPaymentMutation);
  return (
    <form
      className="try-another-card"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        setProblem(undefined);
        retry({ variables: { id: orderId, paymentToken: token, guestSecret } }).catch((error: unknown) => setProblem(describeApiError(error).message));
      }}
    >
      <h2 id={`${id}-title`}>Try another card</h2>
      <fieldset className="field-group" disabled={loading}>
        <legend>Card</legend>
        {CARDS.map((card) => (
          <label key={card.token} className="check">
            <input type="radio" name={`${id}-card`} value={card.token} checked={token === card.token} onChange={() => setToken(card.token)} />
            <span>{card.label}</span>
          </label>
        ))}
      </fieldset>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="button primary" disabled={loading}>
        {loading ? "Paying…" : "Pay with this card"}
      </button>
    </form>
  );
}
