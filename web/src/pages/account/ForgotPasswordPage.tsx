import { useEffect, useState } from "react";
import { Link, useLocation } from "wouter";
import { useApiConfig } from "../../app/ApiConfigContext";
import { useAnnounce } from "../../app/announcer";
import { useAuth } from "../../auth/AuthProvider";
import { codeProblem, emailProblem, newPasswordProblem } from "../../auth/authErrors";
import { PageHeading } from "../../components/PageHeading";
import { AccountsUnavailable, FormProblem, fieldMessages, TextField, useAuthForm } from "./AuthForm";

export function ForgotPasswordPage() {
  const { client, setPendingEmail } = useAuth();
  const { localDevUrl } = useApiConfig();
  const [, navigate] = useLocation();
  const announce = useAnnounce();
  const [step, setStep] = useState<"request" | "confirm">("request");
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const [newPassword, setNewPassword] = useState("");

  useEffect(() => {
    void client?.preload().catch(() => undefined);
  }, [client]);

  const request = useAuthForm({
    validate: () => fieldMessages({ email: emailProblem(email) }),
    send: async () => {
      await client!.requestPasswordReset(email);
      announce("We e-mailed you a code to reset your password.");
      setStep("confirm");
    },
  });

  const confirm = useAuthForm({
    validate: () => fieldMessages({ code: codeProblem(code), newPassword: newPasswordProblem(newPassword) }),
    send: async () => {
      await client!.confirmPasswordReset(email, code, newPassword);
      setPendingEmail(email.trim());
      announce("Your password is changed. Please sign in.");
      navigate("/sign-in");
    },
    passwordField: "newPassword",
  });

  // The request form (and the focus in it) is gone once the code is sent: the code's field takes it.
  const { formRef: confirmForm } = confirm;
  useEffect(() => {
    if (step === "confirm") confirmForm.current?.querySelector("input")?.focus();
  }, [step, confirmForm]);

  if (!client) {
    return (
      <>
        <PageHeading>Reset your password</PageHeading>
        <AccountsUnavailable />
      </>
    );
  }

  return (
    <>
      <PageHeading>Reset your password</PageHeading>
      {step === "request" ? (
        <form ref={request.formRef} className="auth-form" noValidate onSubmit={request.submit} aria-busy={request.busy} aria-label="Ask for a reset code">
          <p>Enter your e-mail address and we will send you a code to choose a new password.</p>
          <TextField
            field="email"
            label="E-mail address"
            type="email"
            autoComplete="username"
            value={email}
            onChange={setEmail}
            errors={request.errors}
            disabled={request.busy}
          />
          <FormProblem message={request.problem} />
          <button type="submit" className="button primary" disabled={request.busy}>
            {request.busy ? "Sending…" : "Send the code"}
          </button>
        </form>
      ) : (
        <form ref={confirm.formRef} className="auth-form" noValidate onSubmit={confirm.submit} aria-busy={confirm.busy} aria-label="Choose a new password">
          <p>We sent a code to {email.trim()}.</p>
          {localDevUrl && (
            <p className="hint">
              Local mode: the code is on the <a href={localDevUrl}>developer page</a>.
            </p>
          )}
          <TextField
            field="code"
            label="Code"
            autoComplete="one-time-code"
            inputMode="numeric"
            value={code}
            onChange={setCode}
            errors={confirm.errors}
            disabled={confirm.busy}
          />
          <TextField
            field="newPassword"
            label="New password"
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={setNewPassword}
            errors={confirm.errors}
            disabled={confirm.busy}
          />
          <FormProblem message={confirm.problem} />
          <button type="submit" className="button primary" disabled={confirm.busy}>
            {confirm.busy ? "Saving…" : "Set the new password"}
          </button>
        </form>
      )}
      <p className="page-links">
        <Link href="/sign-in">Back to sign in</Link>
      </p>
    </>
  );
}
