// What the shop would have e-mailed. The local runtime keeps it in an outbox served next to the
// GraphQL endpoint; a deployed stage e-mails it for real and has no outbox.
import { useCallback, useEffect, useState } from "react";
import { useApiConfig } from "../app/ApiConfigContext";
import { PageHeading } from "../components/PageHeading";
import { EmptyState, ErrorState, LoadingState } from "../components/StatusViews";
import { type OutboxState, outboxUrlFor, readOutbox } from "../notifications/outbox";
import { formatDateTime } from "../orders/money";

export function NotificationsPage() {
  const config = useApiConfig();
  const outboxUrl = outboxUrlFor(config);
  const [state, setState] = useState<OutboxState>({ kind: "loading" });

  const load = useCallback(
    async (signal?: AbortSignal) => {
      setState({ kind: "loading" });
      const next = await readOutbox(outboxUrl, config.apiKey, signal);
      if (!signal?.aborted) setState(next);
    },
    [outboxUrl, config.apiKey],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  return (
    <>
      <PageHeading>Notifications</PageHeading>
      {state.kind === "loading" ? (
        <LoadingState label="Loading notifications…" />
      ) : state.kind === "emailed" ? (
        <EmptyState title="Notifications are e-mailed">
          <p>This shop sends order confirmations by e-mail to the address given with the order.</p>
        </EmptyState>
      ) : state.kind === "failed" ? (
        <ErrorState problem={{ kind: "offline", message: state.message }} onRetry={() => void load()} />
      ) : state.notifications.length === 0 ? (
        <EmptyState title="No notifications yet">
          <p>When an order completes or fails, the message the shop would e-mail appears here.</p>
        </EmptyState>
      ) : (
        <>
          <p className="hint">Local mode: what the shop would have e-mailed, newest first.</p>
          <button type="button" className="button" onClick={() => void load()}>
            Refresh
          </button>
          <ol className="notification-list" aria-label="Notifications">
            {state.notifications.map((notification) => (
              <li key={notification.id} className="notification">
                <h2>{notification.subject || "(no subject)"}</h2>
                {notification.at && (
                  <p className="hint">
                    <time dateTime={notification.at}>{formatDateTime(notification.at)}</time>
                  </p>
                )}
                <pre className="notification-message">{notification.message}</pre>
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}
