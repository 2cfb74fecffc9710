// Who is using the app, for the components: checking / signed out / signed in (with the verified
// token's e-mail). Signing in or out clears Apollo's cache and remounts the pages (`generation`),
// so nothing one person saw — orders, a prefilled e-mail — is left on screen for the next.
import { useApolloClient } from "@apollo/client";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { claimGuestOrders } from "../guest/claimGuestOrders";
import { readGuestOrders } from "../guest/guestOrders";
import type { AuthClient, Session, SignInOutcome } from "./authClient";

export type AuthState = { status: "checking" } | { status: "signedOut" } | { status: "signedIn"; session: Session };

export interface AuthContextValue {
  /** Undefined when the shop has no customer accounts (no user pool configured). */
  client?: AuthClient;
  state: AuthState;
  /** Changes at every sign-in and sign-out: the pages are keyed on it. */
  generation: number;
  /** The e-mail address just signed up with, so the confirmation page can fill it in. */
  pendingEmail?: string;
  setPendingEmail(email: string | undefined): void;
  signIn(email: string, password: string): Promise<SignInOutcome>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | undefined>(undefined);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth needs an AuthProvider");
  return value;
}

async function claimQuietly(apollo: ReturnType<typeof useApolloClient>): Promise<void> {
  if (readGuestOrders().length === 0) return;
  // A failed claim keeps the orders in this browser; the next sign-in tries again.
  await claimGuestOrders(apollo).catch(() => undefined);
}

export function AuthProvider({ client, children }: { client?: AuthClient; children: ReactNode }) {
  const apollo = useApolloClient();
  const [state, setState] = useState<AuthState>(client ? { status: "checking" } : { status: "signedOut" });
  const [generation, setGeneration] = useState(0);
  const [pendingEmail, setPendingEmail] = useState<string>();

  useEffect(() => {
    if (!client) return;
    let current = true;
    client
      .currentSession()
      .catch(() => undefined)
      .then(async (session) => {
        if (!current) return;
        setState(session ? { status: "signedIn", session } : { status: "signedOut" });
        // Guest orders this browser learned of while signed in (a tracking link opened).
        if (session) await claimQuietly(apollo);
      });
    return () => {
      current = false;
    };
  }, [client, apollo]);

  const signIn = useCallback(
    async (email: string, password: string): Promise<SignInOutcome> => {
      if (!client) throw new Error("This shop has no customer accounts.");
      const outcome = await client.signIn(email, password);
      if (outcome.kind !== "signedIn") return outcome;
      const session = await client.currentSession();
      if (!session) throw new Error("Signed in, but the session could not be read. Please try again.");
      await claimQuietly(apollo);
      await apollo.clearStore();
      setPendingEmail(undefined);
      setState({ status: "signedIn", session });
      setGeneration((value) => value + 1);
      return outcome;
    },
    [client, apollo],
  );

  const signOut = useCallback(async () => {
    if (!client) return;
    await client.signOut();
    await apollo.clearStore();
    setState({ status: "signedOut" });
    setGeneration((value) => value + 1);
  }, [client, apollo]);

  const value = useMemo<AuthContextValue>(
    () => ({ client, state, generation, pendingEmail, setPendingEmail, signIn, signOut }),
    [client, state, generation, pendingEmail, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
