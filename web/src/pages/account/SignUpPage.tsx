import { useEffect, useState } from "react";
import { Link, useLocation } from "wouter";
import { useAnnounce } from "../../app/announcer";
import { useAuth } from "../../auth/AuthProvider";
import { emailProblem, MIN_PASSWORD_LENGTH, newPasswordProblem } from "../../auth/authErrors";
import { PageHeading } from "../../components/PageHeading";
import { AccountsUnavailable, FormProblem, fieldMessages, TextField, useAuthForm } from "./AuthForm";

export function SignUpPage() {
  const { client, setPendingEmail } = useAuth();
  const [, navigate] = useLocation();
  const announce = useAnnounce();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  useEffect(() => {
    void client?.preload().catch(() => undefined);
  }, [client]);

  const { formRef, errors, problem, busy, submit } = useAuthForm({
    validate: () => fieldMessages({ email: emailProblem(email), password: newPasswordProblem(password) }),
    send: async () => {
      const outcome = await client!.signUp(email, password);
      setPendingEmail(email.trim());
      if (outcome.kind === "confirmSignUp") {
        announce("Account created. Enter the code we e-mailed you.");
        navigate("/confirm-sign-up");
      } else {
        announce("Account created. Please sign in.");
        navigate("/sign-in");
      }
    },
  });

  return (
    <>
      <PageHeading>Create an account</PageHeading>
      {!client ? (
        <AccountsUnavailable />
      ) : (
        <>
          <form ref={formRef} className="auth-form" noValidate onSubmit={submit} aria-busy={busy} aria-label="Create an account">
            <TextField
              field="email"
              label="E-mail address"
              type="email"
              autoComplete="email"
              value={email}
              onChange={setEmail}
              errors={errors}
              disabled={busy}
            />
            <TextField
              field="password"
              label="Password"
              type="password"
              autoComplete="new-password"
              hint={`At least ${MIN_PASSWORD_LENGTH} characters, with upper- and lower-case letters, a digit and a symbol.`}
              value={password}
              onChange={setPassword}
              errors={errors}
              disabled={busy}
            />
            <FormProblem message={problem} />
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? "Creating the account…" : "Create account"}
            </button>
          </form>
          <p className="page-links">
            Already have an account? <Link href="/sign-in">Sign in</Link>
          </p>
        </>
      )}
    </>
  );
}
