import type { Fulfilment, OrderFieldsFragment, OrderStatus } from "../gql/graphql";
import { formatTime } from "../orders/money";
import { STATUS_LABELS, timelineOf } from "../orders/orderStatus";

export function StatusTimeline({ status, history, fulfilment }: { status: OrderStatus; history: OrderFieldsFragment["statusHistory"]; fulfilment?: Fulfilment }) {
  const steps = timelineOf(status, history, fulfilment);
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

export function StatusBadge({ status }: { status: OrderStatus }) {
  return <span className={`badge status-${status.toLowerCase()}`}>{STATUS_LABELS[status]}</span>;
}
