import { useEffect, useState } from "react";
import { Link, useLocation } from "wouter";
import { useApiConfig } from "../../app/ApiConfigContext";
import { useAnnounce } from "../../app/announcer";
import { useAuth } from "../../auth/AuthProvider";
import { codeProblem, describeAuthError, emailProblem } from "../../auth/authErrors";
import { PageHeading } from "../../components/PageHeading";
import { AccountsUnavailable, FormProblem, fieldMessages, TextField, useAuthForm } from "./AuthForm";

export function ConfirmSignUpPage() {
  const { client, pendingEmail, setPendingEmail } = useAuth();
  const { localDevUrl } = useApiConfig();
  const [, navigate] = useLocation();
  const announce = useAnnounce();
  const [email, setEmail] = useState(pendingEmail ?? "");
  const [code, setCode] = useState("");
  const [resendNote, setResendNote] = useState<{ ok: boolean; message: string }>();

  useEffect(() => {
    void client?.preload().catch(() => undefined);
  }, [client]);

  const { formRef, errors, problem, busy, submit } = useAuthForm({
    validate: () => fieldMessages({ email: emailProblem(email), code: codeProblem(code) }),
    send: async () => {
      await client!.confirmSignUp(email, code);
      setPendingEmail(email.trim());
      announce("Your e-mail address is confirmed. Please sign in.");
      navigate("/sign-in");
    },
  });

  const resend = async () => {
    const problemWithEmail = emailProblem(email);
    if (problemWithEmail) {
      setResendNote({ ok: false, message: problemWithEmail });
      return;
    }
    try {
      await client!.resendSignUpCode(email);
      setResendNote({ ok: true, message: `A new code is on its way to ${email.trim()}.` });
    } catch (error) {
      setResendNote({ ok: false, message: describeAuthError(error).message });
    }
  };

  return (
    <>
      <PageHeading>Confirm your e-mail address</PageHeading>
      {!client ? (
        <AccountsUnavailable />
      ) : (
        <>
          <p>We e-mailed you a code. Enter it here to finish creating your account.</p>
          {localDevUrl && (
            <p className="hint">
              Local mode: the code is on the <a href={localDevUrl}>developer page</a>.
            </p>
          )}
          <form ref={formRef} className="auth-form" noValidate onSubmit={submit} aria-busy={busy} aria-label="Confirm your e-mail address">
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
              field="code"
              label="Confirmation code"
              autoComplete="one-time-code"
              inputMode="numeric"
              value={code}
              onChange={setCode}
              errors={errors}
              disabled={busy}
            />
            <FormProblem message={problem} />
            <div className="form-actions">
              <button type="button" className="button" onClick={() => void resend()} disabled={busy}>
                Send a new code
              </button>
              <button type="submit" className="button primary" disabled={busy}>
                {busy ? "Confirming…" : "Confirm"}
              </button>
            </div>
            {resendNote && (
              <p className={resendNote.ok ? "hint" : "form-error"} role={resendNote.ok ? "status" : "alert"}>
                {resendNote.message}
              </p>
            )}
          </form>
          <p className="page-links">
            <Link href="/sign-in">Sign in</Link>
          </p>
        </>
      )}
    </>
  );
}
