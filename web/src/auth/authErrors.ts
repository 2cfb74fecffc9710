// What the user pool's refusals mean to the person at the form, and which field they belong to.
// Amplify v6 throws AuthError whose `name` is Cognito's exception name (the same from
// cognito-local), so the mapping reads names, never message text.
export type AuthField = "email" | "password" | "code" | "newPassword";

export interface AuthProblem {
  /** The field the message belongs next to; undefined for a form-level message. */
  field?: AuthField;
  message: string;
}

const PROBLEMS: Record<string, AuthProblem> = {
  NotAuthorizedException: { message: "The e-mail address or password is not right." },
  UserNotFoundException: { message: "The e-mail address or password is not right." },
  UsernameExistsException: { field: "email", message: "There is already an account with this e-mail address. Sign in instead." },
  AliasExistsException: { field: "email", message: "There is already an account with this e-mail address. Sign in instead." },
  CodeMismatchException: { field: "code", message: "That code is not right. Check it and try again." },
  ExpiredCodeException: { field: "code", message: "That code has expired. Ask for a new one." },
  LimitExceededException: { message: "Too many attempts. Please wait a few minutes and try again." },
  TooManyRequestsException: { message: "Too many attempts. Please wait a few minutes and try again." },
  TooManyFailedAttemptsException: { message: "Too many attempts. Please wait a few minutes and try again." },
  UserAlreadyAuthenticatedException: { message: "You are already signed in." },
  NetworkError: { message: "Can't reach the sign-in service. Check your connection and try again." },
};

function nameOf(error: unknown): string | undefined {
  return error instanceof Error || (typeof error === "object" && error !== null && "name" in error) ? String((error as { name: unknown }).name) : undefined;
}

function messageOf(error: unknown): string | undefined {
  return error instanceof Error && error.message ? error.message : undefined;
}

/**
 * A refusal from the auth client as something to show. `passwordField` says which field a
 * password-policy refusal belongs to (the new password when resetting).
 */
export function describeAuthError(error: unknown, passwordField: "password" | "newPassword" = "password"): AuthProblem {
  const name = nameOf(error);
  if (name === "InvalidPasswordException") {
    // Cognito's policy message lists what is missing ("Password must have uppercase characters").
    const detail = messageOf(error)?.replace(/^Password did not conform with policy:\s*/i, "");
    return { field: passwordField, message: detail ? `Choose a stronger password: ${detail}` : "Choose a stronger password." };
  }
  if (name === "InvalidParameterException" && /password/i.test(messageOf(error) ?? "")) {
    return { field: passwordField, message: "Choose a stronger password (at least 8 characters)." };
  }
  if (name && PROBLEMS[name]) return PROBLEMS[name];
  if (error instanceof TypeError) return PROBLEMS.NetworkError;
  return { message: messageOf(error) ?? "Something went wrong. Please try again." };
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailProblem(email: string): string | undefined {
  if (!email.trim()) return "Enter your e-mail address.";
  if (!EMAIL_PATTERN.test(email.trim())) return "E-mail address is not valid.";
  return undefined;
}

/** The shop's own minimum; the user pool's policy may ask for more and then says what. */
export const MIN_PASSWORD_LENGTH = 8;

export function newPasswordProblem(password: string): string | undefined {
  if (!password) return "Choose a password.";
  if (password.length < MIN_PASSWORD_LENGTH) return `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  return undefined;
}

export function codeProblem(code: string): string | undefined {
  if (!code.trim()) return "Enter the code from the e-mail.";
  if (!/^\d{4,10}$/.test(code.trim())) return "The code is the digits from the e-mail.";
  return undefined;
}
