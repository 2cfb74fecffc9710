import type { OrderFieldsFragment, OrderStatus } from "../gql/graphql";

type StatusChange = OrderFieldsFragment["statusHistory"][number];
import { formatTime } from "../orders/money";
import { timelineOf } from "../orders/orderStatus";

export function StatusTimeline({ status, history }: { status: OrderStatus; history: readonly StatusChange[] }) {
  const steps = timelineOf(status, history);
  return (
    <ol className="timeline" aria-label="Order progress">
      {steps.map((step) => (
        <li
          key={step.status}
          className={`timeline-step ${step.state} status-${step.status.toLowerCase()}`}
          aria-current={step.state === "current" || (step.state === "done" && step.status === status) ? "step" : undefined}
        >
          <span className="timeline-marker" aria-hidden="true" />
          <span className="timeline-label">{step.label}</span>
          <span className="timeline-time">
            {step.at ? <time dateTime={step.at}>{formatTime(step.at)}</time> : <span className="visually-hidden">not yet</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}

export function StatusBadge({ status, label }: { status: OrderStatus; label: string }) {
  return <span className={`badge status-${status.toLowerCase()}`}>{label}</span>;
}
