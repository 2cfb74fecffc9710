import { useEffect, useState } from "react";
import { Link, useLocation } from "wouter";
import { useAnnounce } from "../../app/announcer";
import { useAuth } from "../../auth/AuthProvider";
import { emailProblem } from "../../auth/authErrors";
import { PageHeading } from "../../components/PageHeading";
import { AccountsUnavailable, FormProblem, fieldMessages, TextField, useAuthForm } from "./AuthForm";

export function SignInPage() {
  const { client, state, signIn, pendingEmail, setPendingEmail } = useAuth();
  const [, navigate] = useLocation();
  const announce = useAnnounce();
  const [email, setEmail] = useState(pendingEmail ?? "");
  const [password, setPassword] = useState("");

  useEffect(() => {
    void client?.preload().catch(() => undefined);
  }, [client]);

  const { formRef, errors, problem, busy, submit } = useAuthForm({
    validate: () => fieldMessages({ email: emailProblem(email), password: password ? undefined : "Enter your password." }),
    send: async () => {
      const outcome = await signIn(email, password);
      if (outcome.kind === "confirmSignUp") {
        setPendingEmail(email.trim());
        announce("Please confirm your e-mail address first.");
        navigate("/confirm-sign-up");
        return;
      }
      announce("Signed in.");
      navigate("/orders");
    },
  });

  if (!client) {
    return (
      <>
        <PageHeading>Sign in</PageHeading>
        <AccountsUnavailable />
      </>
    );
  }

  return (
    <>
      <PageHeading>Sign in</PageHeading>
      {state.status === "signedIn" && <p className="hint">You are signed in as {state.session.email ?? "a customer"}.</p>}
      <form ref={formRef} className="auth-form" noValidate onSubmit={submit} aria-busy={busy} aria-label="Sign in">
        <TextField
          field="email"
          label="E-mail address"
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          errors={errors}
          disabled={busy}
        />
        <TextField
          field="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          errors={errors}
          disabled={busy}
        />
        <FormProblem message={problem} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p className="page-links">
        <Link href="/forgot-password">Forgot your password?</Link> · <Link href="/sign-up">Create an account</Link>
      </p>
      <p className="hint">Orders you placed on this browser without an account move into your account when you sign in.</p>
    </>
  );
}
