// The header's account corner: "Sign in" for a guest; the account and "Sign out" once signed in.
import { useState } from "react";
import { Link, useLocation } from "wouter";
import { useAnnounce } from "../app/announcer";
import { useAuth } from "../auth/AuthProvider";

export function AccountMenu() {
  const { client, state, signOut } = useAuth();
  const [, navigate] = useLocation();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  if (!client || state.status === "checking") return null;

  if (state.status === "signedOut") {
    return (
      <div className="account-menu">
        <Link href="/sign-in" className="button">
          Sign in
        </Link>
      </div>
    );
  }

  const signOutNow = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      navigate("/");
      await signOut();
      announce("Signed out.");
    } catch {
      // Signing out can only fail to reach the sign-in service (the session is cleared either way).
      setProblem("Can't reach the sign-in service. Check your connection and try again.");
      setBusy(false);
    }
  };

  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of links and a button, not form fields: a fieldset would be announced as a form
    <div className="account-menu" aria-label="Account" role="group">
      <Link href="/account" className="account-email" aria-label={`Account: ${state.session.email ?? "your account"}`}>
        {state.session.email ?? "Account"}
      </Link>
      <button type="button" className="button" onClick={() => void signOutNow()} disabled={busy}>
        {busy ? "Signing out…" : "Sign out"}
      </button>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
