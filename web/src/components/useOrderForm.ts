// What placing and changing an order share: the draft and its errors (checked with the core's rules
// before anything is sent, and again on every edit once a submit was tried), one request at a time,
// and the API's refusal shown next to the fields it names and read out.
import { type FormEvent, useRef, useState } from "react";
import { type ApiProblem, describeApiError, type FieldErrors } from "../api/apiErrors";
import { useAnnounce } from "../app/announcer";
import type { OrderDraft } from "../orders/orderDraft";
import { useFocusFirstError } from "./useFocusFirstError";

interface OrderFormOptions {
  initialDraft: () => OrderDraft;
  validate: (draft: OrderDraft) => FieldErrors;
  /** Sends a draft that passed validation; throws what Apollo throws when the API refuses it. */
  send: (draft: OrderDraft) => Promise<void>;
  /** Read out before the API's reason when it refuses, e.g. "The order was not placed." */
  refusalLead: string;
  onRefusal?: (problem: ApiProblem) => void;
}

export function useOrderForm({ initialDraft, validate, send, refusalLead, onRefusal }: OrderFormOptions) {
  const announce = useAnnounce();
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstError = useFocusFirstError(formRef);
  const [draft, setDraft] = useState(initialDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ApiProblem>();
  const [attempted, setAttempted] = useState(false);
  // The submit button is disabled while a request is in flight, but a fast double click (or Enter
  // twice) can land before React re-renders; this ref refuses the second submit synchronously.
  const inFlight = useRef(false);

  const change = (next: OrderDraft) => {
    setDraft(next);
    if (attempted) setErrors(validate(next));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return;
    setAttempted(true);
    setProblem(undefined);
    const clientErrors = validate(draft);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) {
      announce("The order has errors. Please correct the highlighted fields.");
      focusFirstError();
      return;
    }
    inFlight.current = true;
    try {
      await send(draft);
    } catch (error) {
      const refusal = describeApiError(error);
      if (refusal.kind === "validation") {
        setErrors(refusal.fieldErrors);
        focusFirstError();
      }
      setProblem(refusal);
      announce(`${refusalLead} ${refusal.message}`);
      onRefusal?.(refusal);
    } finally {
      inFlight.current = false;
    }
  };

  return { formRef, draft, change, errors, problem, submit };
}
