// The states people meet while data is on its way or did not come.
import type { ReactNode } from "react";
import type { ApiProblem } from "../api/apiErrors";

export function LoadingState({ label }: { label: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

const PROBLEM_TITLES: Record<ApiProblem["kind"], string> = {
  offline: "Can't reach the shop",
  apiDown: "The shop is down",
  unauthorized: "The app is not allowed in",
  validation: "Please check the order",
  notModifiable: "That change is not possible",
  notFound: "Not found",
  conflict: "Already placed",
  unexpected: "Something went wrong",
};

export function ErrorState({ problem, onRetry, retrying = false }: { problem: ApiProblem; onRetry?: () => void; retrying?: boolean }) {
  return (
    <div className="error-state" role="alert">
      <h2>{PROBLEM_TITLES[problem.kind]}</h2>
      <p>{problem.message}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry} disabled={retrying}>
          {retrying ? "Retrying…" : "Try again"}
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <h2>{title}</h2>
      {children}
    </div>
  );
}
