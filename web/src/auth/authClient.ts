// The app's one auth client. Its methods speak the app's language (an e-mail address, a code, a
// password); the Amplify calls behind them live in ./amplifyAuth, which is imported on first use
// only — when a sign-in page opens or the browser holds a session — so the order page's initial
// JavaScript carries no auth library.
import type { CognitoConfig } from "../app/config";
import { hasStoredSession } from "./storedSession";

/** What a signed-in person's verified id token says. */
export interface Session {
  /** The Cognito id token, sent as `Authorization` (AppSync's USER_POOL mode). */
  idToken: string;
  customerId: string;
  email?: string;
}

export type SignUpOutcome = { kind: "confirmSignUp" } | { kind: "done" };
export type SignInOutcome = { kind: "signedIn" } | { kind: "confirmSignUp" };

export interface AuthClient {
  /** Starts loading the auth library (a sign-in page opened); resolves when it is ready. */
  preload(): Promise<void>;
  signUp(email: string, password: string): Promise<SignUpOutcome>;
  confirmSignUp(email: string, code: string): Promise<void>;
  resendSignUpCode(email: string): Promise<void>;
  signIn(email: string, password: string): Promise<SignInOutcome>;
  signOut(): Promise<void>;
  requestPasswordReset(email: string): Promise<void>;
  confirmPasswordReset(email: string, code: string, newPassword: string): Promise<void>;
  /** The current session, or undefined — without loading Amplify when the browser holds none. */
  currentSession(): Promise<Session | undefined>;
}

export type AmplifyAuth = Omit<AuthClient, "preload">;

export function createAuthClient(cognito: CognitoConfig, storage?: Storage): AuthClient {
  let loading: Promise<AmplifyAuth> | undefined;
  const load = () => {
    loading ??= import("./amplifyAuth").then(
      (module) => module.configureAmplifyAuth(cognito),
      (error: unknown) => {
        // A failed download (offline) is tried again next time rather than remembered.
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  return {
    preload: async () => void (await load()),
    signUp: async (email, password) => (await load()).signUp(email, password),
    confirmSignUp: async (email, code) => (await load()).confirmSignUp(email, code),
    resendSignUpCode: async (email) => (await load()).resendSignUpCode(email),
    signIn: async (email, password) => (await load()).signIn(email, password),
    signOut: async () => (await load()).signOut(),
    requestPasswordReset: async (email) => (await load()).requestPasswordReset(email),
    confirmPasswordReset: async (email, code, newPassword) => (await load()).confirmPasswordReset(email, code, newPassword),
    currentSession: async () => {
      if (!loading && !hasStoredSession(cognito.userPoolClientId, storage)) return undefined;
      return (await load()).currentSession();
    },
  };
}
