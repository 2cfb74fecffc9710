// Pages loaded on demand (React.lazy), so the order page's initial JavaScript stays small.
// `preload()` starts the download early (e.g. the tracker while an order is being placed); once
// loaded, the page renders at once, without a loading state. React.lazy remembers a failed import
// for good; this wrapper starts afresh after a failure, so the route error boundary's "Try again"
// downloads the page again (e.g. after being offline).
import { lazy, type ComponentType } from "react";

export type LazyPage<Props extends object> = ComponentType<Props> & { preload(): Promise<unknown> };

export function lazyPage<Props extends object>(load: () => Promise<ComponentType<Props>>): LazyPage<Props> {
  let loaded: ComponentType<Props> | undefined;
  let loading: Promise<ComponentType<Props>> | undefined;
  const preload = () => {
    loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = undefined;
        current = create();
        throw error;
      },
    );
    return loading;
  };
  const create = () => lazy(() => preload().then((component) => ({ default: component })));
  let current = create();
  function Page(props: Props) {
    const Component = loaded ?? current;
    return <Component {...props} />;
  }
  return Object.assign(Page, { preload });
}
