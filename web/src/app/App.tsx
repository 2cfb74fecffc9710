import { type ApolloClient, ApolloProvider, useApolloClient } from "@apollo/client";
import { Suspense, useEffect, useRef } from "react";
import { type BaseLocationHook, Link, Route, Router, Switch, useLocation } from "wouter";
import { AuthProvider, useAuth } from "../auth/AuthProvider";
import type { AuthClient } from "../auth/authClient";
import { AccountMenu } from "../components/AccountMenu";
import { DeveloperBanner } from "../components/DeveloperBanner";
import { LoadingState } from "../components/StatusViews";
import { NotFoundPage } from "../pages/NotFoundPage";
import { OrderPage } from "../pages/OrderPage";
import { ApiConfigContext } from "./ApiConfigContext";
import { AnnouncerProvider } from "./announcer";
import type { ApiConfig } from "./config";
import {
  AccountPage,
  ConfirmSignUpPage,
  ForgotPasswordPage,
  KitchenPage,
  MyOrdersPage,
  NotificationsPage,
  PickupBoardPage,
  SignInPage,
  SignUpPage,
  TrackOrderPage,
} from "./lazyPages";
import { RouteErrorBoundary } from "./RouteErrorBoundary";

const NAVIGATION = [
  { href: "/", label: "Order", isCurrent: (path: string) => path === "/" },
  { href: "/orders", label: "My orders", isCurrent: (path: string) => path.startsWith("/orders") },
];

/**
 * After a client-side navigation, focus goes to the new page's heading (as a page load would).
 * Compares with the previous navigation rather than skipping the first run, so React's StrictMode
 * re-running effects does not count as a navigation.
 */
function useFocusHeadingOnNavigation(navigation: string) {
  const previous = useRef(navigation);
  useEffect(() => {
    if (previous.current === navigation) return;
    previous.current = navigation;
    const main = document.querySelector("main");
    const heading = main?.querySelector<HTMLElement>("h1");
    if (heading || !main) {
      heading?.focus();
      return;
    }
    // A page still downloading (lazy) has no heading yet: focus it once it appears.
    const observer = new MutationObserver(() => {
      const arrived = main.querySelector<HTMLElement>("h1");
      if (!arrived) return;
      observer.disconnect();
      arrived.focus();
    });
    observer.observe(main, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [navigation]);
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

function Pages() {
  return (
    <Switch>
      <Route path="/" component={OrderPage} />
      <Route path="/orders/:id">{(params) => <TrackOrderPage key={params.id} orderId={params.id} />}</Route>
      <Route path="/orders" component={MyOrdersPage} />
      <Route path="/sign-in" component={SignInPage} />
      <Route path="/sign-up" component={SignUpPage} />
      <Route path="/confirm-sign-up" component={ConfirmSignUpPage} />
      <Route path="/forgot-password" component={ForgotPasswordPage} />
      <Route path="/account" component={AccountPage} />
      {/* Staff: the kitchen display of one restaurant (its own lazily loaded bundle). */}
      <Route path="/kitchen/:restaurantId">{(params) => <KitchenPage key={params.restaurantId} restaurantId={params.restaurantId} />}</Route>
      {/* Public: the counter's screen of order numbers preparing and ready. */}
      <Route path="/board/:restaurantId">{(params) => <PickupBoardPage key={params.restaurantId} restaurantId={params.restaurantId} />}</Route>
      {/* Local mode's outbox: linked from the developer banner only, not a customer page. */}
      <Route path="/notifications" component={NotificationsPage} />
      <Route component={NotFoundPage} />
    </Switch>
  );
}

function Shell() {
  const [location] = useLocation();
  const client = useApolloClient();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <DeveloperBanner />
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
        <AccountMenu />
      </header>
      <main id="main" className="page">
        <RouteErrorBoundary key={location} onRetry={() => client.clearStore()}>
          <Suspense fallback={<LoadingState label="Loading the page…" />}>
            <Pages />
          </Suspense>
        </RouteErrorBoundary>
      </main>
    </>
  );
}

/** Signing in or out remounts every page, so nothing of the previous person stays on screen. */
function ShellPerPerson() {
  const { generation } = useAuth();
  const [location] = useLocation();
  // Here, above the remounted pages: signing in or out is a navigation too, and the focus it
  // left on a vanished form goes to the new page's heading rather than to the document body.
  useFocusHeadingOnNavigation(`${generation} ${location}`);
  return <Shell key={generation} />;
}

interface AppProps {
  client: ApolloClient<unknown>;
  config: ApiConfig;
  /** Customer accounts; absent when the shop has no user pool. */
  auth?: AuthClient;
  /** For tests: an in-memory location instead of the browser's address bar. */
  locationHook?: BaseLocationHook;
}

export function App({ client, config, auth, locationHook }: AppProps) {
  const shell = (
    <ApiConfigContext.Provider value={config}>
      <ApolloProvider client={client}>
        <AnnouncerProvider>
          <AuthProvider client={auth}>
            <ShellPerPerson />
          </AuthProvider>
        </AnnouncerProvider>
      </ApolloProvider>
    </ApiConfigContext.Provider>
  );
  return locationHook ? <Router hook={locationHook}>{shell}</Router> : shell;
}
