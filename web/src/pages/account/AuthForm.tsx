// What the account pages' forms share: labelled fields with their error next to them, a form-level
// message, one submit at a time, and focus on the first field in error.
import { type FormEvent, type ReactNode, useId, useRef, useState } from "react";
import { useAnnounce } from "../../app/announcer";
import { type AuthField, type AuthProblem, describeAuthError } from "../../auth/authErrors";
import { useFocusFirstError } from "../../components/useFocusFirstError";

export type FieldMessages = Partial<Record<AuthField, string>>;

interface TextFieldProps {
  field: AuthField;
  label: string;
  type?: "email" | "password" | "text";
  autoComplete: string;
  value: string;
  onChange: (value: string) => void;
  errors: FieldMessages;
  hint?: string;
  disabled?: boolean;
  inputMode?: "numeric";
}

export function TextField({ field, label, type = "text", autoComplete, value, onChange, errors, hint, disabled, inputMode }: TextFieldProps) {
  const id = useId();
  const error = errors[field];
  const describedBy = [error ? `${id}-error` : undefined, hint ? `${id}-hint` : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        name={field}
        type={type}
        autoComplete={autoComplete}
        inputMode={inputMode}
        value={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

interface AuthFormOptions {
  /** Field problems found before sending; an empty object sends. */
  validate: () => FieldMessages;
  send: () => Promise<void>;
  /** Which field a password-policy refusal belongs to. */
  passwordField?: "password" | "newPassword";
}

export function useAuthForm({ validate, send, passwordField }: AuthFormOptions) {
  const announce = useAnnounce();
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstError = useFocusFirstError(formRef);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return;
    setProblem(undefined);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      announce("Please correct the highlighted fields.");
      focusFirstError();
      return;
    }
    inFlight.current = true;
    setBusy(true);
    try {
      await send();
    } catch (error) {
      const refusal: AuthProblem = describeAuthError(error, passwordField);
      if (refusal.field) {
        setErrors({ [refusal.field]: refusal.message });
        focusFirstError();
      } else {
        setProblem(refusal.message);
      }
      announce(refusal.message);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return { formRef, errors, problem, busy, submit };
}

export function FormProblem({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div className="form-error" role="alert">
      {message}
    </div>
  );
}

export function AccountsUnavailable({ children }: { children?: ReactNode }) {
  return (
    <div className="empty-state">
      <h2>Accounts are not available</h2>
      <p>This shop takes orders without an account. {children}</p>
    </div>
  );
}

/** Keeps only the fields that have a message. */
export function fieldMessages(entries: Partial<Record<AuthField, string | undefined>>): FieldMessages {
  return Object.fromEntries(Object.entries(entries).filter(([, message]) => message)) as FieldMessages;
}
