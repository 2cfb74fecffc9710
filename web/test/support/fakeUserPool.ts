// A stand-in for the Cognito user pool behind Amplify Auth v6, for `vi.mock("aws-amplify/auth")`:
// it keeps accounts, confirmation codes and the signed-in user in memory, refuses the way Cognito
// does (errors named like Cognito's exceptions, as Amplify throws them), and stores the session
// marker in localStorage under the key Amplify uses — so the app's own code (auth client, pages,
// link, provider) runs unchanged on top of it. Every call is recorded with its arguments.
interface Account {
  sub: string;
  email: string;
  password: string;
  confirmed: boolean;
  code?: string;
}

export const TEST_POOL = { userPoolId: "local_testpool", userPoolClientId: "test-client", userPoolEndpoint: "http://cognito.test" };

const lastAuthUserKey = () => `CognitoIdentityServiceProvider.${TEST_POOL.userPoolClientId}.LastAuthUser`;

function cognitoError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

/** A JWT-shaped id token (the app never verifies it; the API does). */
function idTokenFor(account: Account): string {
  const encode = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, "");
  return `${encode({ alg: "RS256", kid: "test" })}.${encode({ sub: account.sub, email: account.email, token_use: "id" })}.signature`;
}

export function createFakeUserPool() {
  const accounts = new Map<string, Account>();
  const calls: { name: string; input: unknown }[] = [];
  let signedIn: Account | undefined;
  let nextCode = 123456;
  const record = (name: string, input?: unknown) => calls.push({ name, input });

  const pool = {
    calls,
    callsOf: (name: string) => calls.filter((call) => call.name === name).map((call) => call.input),
    /** The code "e-mailed" to an address (what the local developer page shows). */
    codeFor: (email: string) => accounts.get(email)?.code,
    addConfirmedAccount(email: string, password: string, sub = `sub-${email}`) {
      accounts.set(email, { sub, email, password, confirmed: true });
    },
    configure: (config: unknown) => record("configure", config),

    async signUp(input: { username: string; password: string; options?: { userAttributes?: { email?: string } } }) {
      record("signUp", input);
      if (accounts.has(input.username)) throw cognitoError("UsernameExistsException", "User already exists");
      if (!/[A-Z]/.test(input.password))
        throw cognitoError("InvalidPasswordException", "Password did not conform with policy: Password must have uppercase characters");
      const code = String(nextCode++);
      accounts.set(input.username, {
        sub: `sub-${input.username}`,
        email: input.options?.userAttributes?.email ?? input.username,
        password: input.password,
        confirmed: false,
        code,
      });
      return { isSignUpComplete: false, nextStep: { signUpStep: "CONFIRM_SIGN_UP" } };
    },
    async confirmSignUp(input: { username: string; confirmationCode: string }) {
      record("confirmSignUp", input);
      const account = accounts.get(input.username);
      if (!account) throw cognitoError("UserNotFoundException", "User does not exist.");
      if (account.code !== input.confirmationCode) throw cognitoError("CodeMismatchException", "Invalid verification code provided, please try again.");
      account.confirmed = true;
      account.code = undefined;
      return { isSignUpComplete: true, nextStep: { signUpStep: "DONE" } };
    },
    async resendSignUpCode(input: { username: string }) {
      record("resendSignUpCode", input);
      const account = accounts.get(input.username);
      if (!account) throw cognitoError("UserNotFoundException", "User does not exist.");
      account.code = String(nextCode++);
      return {};
    },
    async signIn(input: { username: string; password: string; options?: { authFlowType?: string } }) {
      record("signIn", input);
      // cognito-local refuses SRP, the default flow: the app must ask for USER_PASSWORD_AUTH.
      if (input.options?.authFlowType !== "USER_PASSWORD_AUTH") throw cognitoError("UnsupportedAuthFlow", "Unsupported AuthFlow USER_SRP_AUTH");
      if (signedIn) throw cognitoError("UserAlreadyAuthenticatedException", "There is already a signed in user.");
      const account = accounts.get(input.username);
      if (!account || account.password !== input.password) throw cognitoError("NotAuthorizedException", "Incorrect username or password.");
      if (!account.confirmed) return { isSignedIn: false, nextStep: { signInStep: "CONFIRM_SIGN_UP" } };
      signedIn = account;
      localStorage.setItem(lastAuthUserKey(), account.sub);
      return { isSignedIn: true, nextStep: { signInStep: "DONE" } };
    },
    async signOut() {
      record("signOut");
      signedIn = undefined;
      localStorage.removeItem(lastAuthUserKey());
    },
    async resetPassword(input: { username: string }) {
      record("resetPassword", input);
      const account = accounts.get(input.username);
      if (account) account.code = String(nextCode++);
      return { isPasswordReset: false, nextStep: { resetPasswordStep: "CONFIRM_RESET_PASSWORD_WITH_CODE" } };
    },
    async confirmResetPassword(input: { username: string; confirmationCode: string; newPassword: string }) {
      record("confirmResetPassword", input);
      const account = accounts.get(input.username);
      if (!account || account.code !== input.confirmationCode)
        throw cognitoError("CodeMismatchException", "Invalid verification code provided, please try again.");
      account.password = input.newPassword;
      account.code = undefined;
    },
    async fetchAuthSession() {
      record("fetchAuthSession");
      // Like Amplify after a reload: the stored session is found through localStorage.
      const sub = localStorage.getItem(lastAuthUserKey());
      const account = signedIn ?? [...accounts.values()].find((candidate) => candidate.sub === sub);
      if (!account || !sub) return { tokens: undefined };
      signedIn = account;
      const token = idTokenFor(account);
      return { tokens: { idToken: { payload: { sub: account.sub, email: account.email }, toString: () => token } } };
    },
    /** The token the fake hands out for an account (to compare with the Authorization header). */
    idTokenOf: (email: string) => idTokenFor(accounts.get(email)!),
  };
  return pool;
}

export type FakeUserPool = ReturnType<typeof createFakeUserPool>;

// What `vi.mock("aws-amplify")` / `vi.mock("aws-amplify/auth")` return: the exports the app uses,
// each delegating to the user pool of the current test (see useFakeUserPool).
let current: FakeUserPool | undefined;
const active = (): FakeUserPool => {
  if (!current) throw new Error("call useFakeUserPool() in the test before the app uses Amplify");
  return current;
};

/** A fresh user pool for this test, with nobody signed in. */
export function useFakeUserPool(): FakeUserPool {
  localStorage.clear();
  current = createFakeUserPool();
  return current;
}

/** A customer who signed in on this browser earlier (the session is stored, as after a reload). */
export function signedInEarlier(pool: FakeUserPool, email: string, password = "Secret-123"): void {
  pool.addConfirmedAccount(email, password);
  localStorage.setItem(lastAuthUserKey(), `sub-${email}`);
}

export const amplifyCoreModule = { Amplify: { configure: (config: unknown) => active().configure(config) } };

type PoolMethod = "signUp" | "confirmSignUp" | "resendSignUpCode" | "signIn" | "signOut" | "resetPassword" | "confirmResetPassword" | "fetchAuthSession";
const delegate =
  <M extends PoolMethod>(method: M) =>
  (...args: Parameters<FakeUserPool[M]>) =>
    (active()[method] as (...a: Parameters<FakeUserPool[M]>) => ReturnType<FakeUserPool[M]>)(...args);

export const amplifyAuthModule = {
  signUp: delegate("signUp"),
  confirmSignUp: delegate("confirmSignUp"),
  resendSignUpCode: delegate("resendSignUpCode"),
  signIn: delegate("signIn"),
  signOut: delegate("signOut"),
  resetPassword: delegate("resetPassword"),
  confirmResetPassword: delegate("confirmResetPassword"),
  fetchAuthSession: delegate("fetchAuthSession"),
};
