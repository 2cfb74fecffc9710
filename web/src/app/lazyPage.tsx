// Pages loaded on demand (React.lazy), so the order page's initial JavaScript stays small.
// `preload()` starts the download early (e.g. the tracker while an order is being placed); once
// loaded, the page renders at once, without a loading state. A failed download reaches the route
// error boundary, which explains it; React.lazy remembers that failure for good, so the boundary's
// "Try again" calls `retryFailedDownloads()` first, which gives every failed page a fresh start.
// Not sooner: a page that swapped in a fresh lazy component at once would be rendered again and
// download again, in a loop behind "Loading the page…", and the explanation would never show.
import { type ComponentType, lazy } from "react";

export type LazyPage<Props extends object> = ComponentType<Props> & { preload(): Promise<unknown> };

const failedPages = new Set<() => void>();

/** Lets every page whose download failed be downloaded again when next rendered. */
export function retryFailedDownloads(): void {
  for (const restart of failedPages) restart();
  failedPages.clear();
}

export function lazyPage<Props extends object>(load: () => Promise<ComponentType<Props>>): LazyPage<Props> {
  let loaded: ComponentType<Props> | undefined;
  let loading: Promise<ComponentType<Props>> | undefined;
  const preload = () => {
    loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = undefined;
        failedPages.add(() => {
          current = create();
        });
        throw error;
      },
    );
    return loading;
  };
  const create = () => lazy(() => preload().then((component) => ({ default: component })));
  let current = create();
  // biome-ignore lint/correctness/noComponentHookFactories: one component per lazily loaded page, made once at module load (routes.tsx), never during a render
  function Page(props: Props) {
    const Component = loaded ?? current;
    return <Component {...props} />;
  }
  return Object.assign(Page, { preload });
}
