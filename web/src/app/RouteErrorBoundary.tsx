// No page ever goes blank: whatever a page throws while rendering (or a page that failed to
// download) is caught here and explained, with "Try again" rendering the page afresh. Keyed on the
// address by its parent, so moving to another page also starts clean.
import { Component, type ErrorInfo, type ReactNode } from "react";
import { PageHeading } from "../components/PageHeading";
import { ErrorState } from "../components/StatusViews";
import { retryFailedDownloads } from "./lazyPage";

interface Props {
  children: ReactNode;
  /** Before rendering the page again: forget what may have broken it (cached answers). */
  onRetry?: () => Promise<unknown>;
}

interface State {
  error?: unknown;
  attempt: number;
}

function isFailedDownload(error: unknown): boolean {
  return error instanceof TypeError && /dynamically imported module|module script|Importing a module/i.test(error.message);
}

export class RouteErrorBoundary extends Component<Props, State> {
  state: State = { attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept for the developer console; the person sees the explanation below.
    console.warn("A page failed to render", error, info.componentStack);
  }

  private retry = async () => {
    await this.props.onRetry?.().catch(() => undefined);
    retryFailedDownloads();
    this.setState((state) => ({ error: undefined, attempt: state.attempt + 1 }));
  };

  render() {
    if (this.state.error !== undefined) {
      const message = isFailedDownload(this.state.error)
        ? "This page could not be downloaded. Check your connection and try again."
        : "This page ran into a problem and could not be shown. Trying again usually helps.";
      return (
        <>
          <PageHeading>Something went wrong</PageHeading>
          <ErrorState problem={{ kind: "unexpected", message }} onRetry={() => void this.retry()} />
        </>
      );
    }
    // A new attempt remounts the page, so it loads its data again.
    return <Fence key={this.state.attempt}>{this.props.children}</Fence>;
  }
}

function Fence({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
