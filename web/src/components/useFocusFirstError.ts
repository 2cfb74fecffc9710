import { type RefObject, useEffect, useState } from "react";

/** Moves focus to the first field with an error, once the errors are on screen. */
export function useFocusFirstError(formRef: RefObject<HTMLFormElement | null>) {
  const [request, setRequest] = useState(0);
  useEffect(() => {
    if (request === 0) return;
    const firstError = formRef.current?.querySelector(".field-error");
    const invalid = firstError?.closest(".field, .field-group")?.querySelector<HTMLElement>("input:not(:disabled), select");
    invalid?.focus();
  }, [request, formRef]);
  return () => setRequest((n) => n + 1);
}
