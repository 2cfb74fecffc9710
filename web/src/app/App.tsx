import { ApolloProvider, type ApolloClient } from "@apollo/client";
import { useEffect, useRef } from "react";
import { Link, Route, Router, Switch, useLocation, type BaseLocationHook } from "wouter";
import { MyOrdersPage } from "../pages/MyOrdersPage";
import { NotFoundPage } from "../pages/NotFoundPage";
import { NotificationsPage } from "../pages/NotificationsPage";
import { OrderPage } from "../pages/OrderPage";
import { TrackOrderPage } from "../pages/TrackOrderPage";
import { AnnouncerProvider } from "./announcer";
import { ApiConfigContext } from "./ApiConfigContext";
import type { ApiConfig } from "./config";

const NAVIGATION = [
  { href: "/", label: "Order", isCurrent: (path: string) => path === "/" },
  { href: "/orders", label: "My orders", isCurrent: (path: string) => path.startsWith("/orders") },
  { href: "/notifications", label: "Notifications", isCurrent: (path: string) => path === "/notifications" },
];

/**
 * After a client-side navigation, focus goes to the new page's heading (as a page load would).
 * Compares with the previous location rather than skipping the first run, so React's StrictMode
 * re-running effects does not count as a navigation.
 */
function useFocusHeadingOnNavigation(location: string) {
  const previous = useRef(location);
  useEffect(() => {
    if (previous.current === location) return;
    previous.current = location;
    document.querySelector<HTMLElement>("main h1")?.focus();
  }, [location]);
}

function PizzaMark() {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <path d="M16 3 L29 27 Q16 32 3 27 Z" fill="#f4c15d" stroke="#b3261e" strokeWidth="2" strokeLinejoin="round" />
      <circle cx="16" cy="15" r="2.4" fill="#b3261e" />
      <circle cx="11" cy="23" r="2.4" fill="#b3261e" />
      <circle cx="21" cy="23" r="2.4" fill="#b3261e" />
    </svg>
  );
}

function Shell() {
  const [location] = useLocation();
  useFocusHeadingOnNavigation(location);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link href="/" className="brand">
          <PizzaMark /> Pizza Orders
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAVIGATION.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={item.isCurrent(location) ? "page" : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="page">
        <Switch>
          <Route path="/" component={OrderPage} />
          <Route path="/orders/:id">{(params) => <TrackOrderPage key={params.id} orderId={params.id} />}</Route>
          <Route path="/orders" component={MyOrdersPage} />
          <Route path="/notifications" component={NotificationsPage} />
          <Route component={NotFoundPage} />
        </Switch>
      </main>
    </>
  );
}

interface AppProps {
  client: ApolloClient<unknown>;
  config: ApiConfig;
  /** For tests: an in-memory location instead of the browser's address bar. */
  locationHook?: BaseLocationHook;
}

export function App({ client, config, locationHook }: AppProps) {
  const shell = (
    <ApiConfigContext.Provider value={config}>
      <ApolloProvider client={client}>
        <AnnouncerProvider>
          <Shell />
        </AnnouncerProvider>
      </ApolloProvider>
    </ApiConfigContext.Provider>
  );
  return locationHook ? <Router hook={locationHook}>{shell}</Router> : shell;
}
