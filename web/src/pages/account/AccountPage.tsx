import { NetworkStatus, useQuery } from "@apollo/client";
import { Link } from "wouter";
import { describeApiError } from "../../api/apiErrors";
import { MeQuery } from "../../api/operations";
import { useAuth } from "../../auth/AuthProvider";
import { PageHeading } from "../../components/PageHeading";
import { ErrorState, LoadingState } from "../../components/StatusViews";

export function AccountPage() {
  const { state } = useAuth();
  const signedIn = state.status === "signedIn";
  const { data, error, refetch, networkStatus } = useQuery(MeQuery, { skip: !signedIn, notifyOnNetworkStatusChange: true });

  if (state.status === "checking") return <LoadingState label="Checking your session…" />;

  return (
    <>
      <PageHeading>Your account</PageHeading>
      {!signedIn ? (
        <p>
          You are not signed in. <Link href="/sign-in">Sign in</Link> or <Link href="/sign-up">create an account</Link>.
        </p>
      ) : !data && error ? (
        <ErrorState problem={describeApiError(error)} onRetry={() => void refetch().catch(() => undefined)} retrying={networkStatus === NetworkStatus.refetch} />
      ) : !data ? (
        <LoadingState label="Loading your account…" />
      ) : (
        <dl className="account-details">
          <dt>E-mail address</dt>
          <dd>{data.me.email ?? "—"}</dd>
          <dt>Customer number</dt>
          <dd>
            <code>{data.me.customerId}</code>
          </dd>
          {data.me.staffOf.length > 0 && (
            <>
              <dt>Staff of</dt>
              <dd>
                <ul className="staff-of">
                  {data.me.staffOf.map((restaurantId) => (
                    <li key={restaurantId}>
                      {restaurantId}: <Link href={`/kitchen/${restaurantId}`}>kitchen display</Link>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
        </dl>
      )}
      {signedIn && (
        <p className="page-links">
          <Link href="/orders">Your orders</Link>
        </p>
      )}
    </>
  );
}
