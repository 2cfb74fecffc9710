// Amplify Auth v6 behind the app's AuthClient. Loaded lazily (see ./authClient). Sign-in uses
// USER_PASSWORD_AUTH: the local user pool (cognito-local) refuses SRP, and the cloud app client
// allows this flow too, so both modes run the same code. The e-mail address is the username.
import { Amplify } from "aws-amplify";
import { confirmResetPassword, confirmSignUp, fetchAuthSession, resendSignUpCode, resetPassword, signIn, signOut, signUp } from "aws-amplify/auth";
import type { CognitoConfig } from "../app/config";
import type { AmplifyAuth, Session } from "./authClient";

const normalised = (email: string) => email.trim().toLowerCase();

export function configureAmplifyAuth(cognito: CognitoConfig): AmplifyAuth {
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: cognito.userPoolId,
        userPoolClientId: cognito.userPoolClientId,
        ...(cognito.userPoolEndpoint ? { userPoolEndpoint: cognito.userPoolEndpoint } : {}),
        loginWith: { email: true },
      },
    },
  });

  return {
    async signUp(email, password) {
      const result = await signUp({ username: normalised(email), password, options: { userAttributes: { email: normalised(email) } } });
      return result.nextStep.signUpStep === "CONFIRM_SIGN_UP" ? { kind: "confirmSignUp" } : { kind: "done" };
    },
    async confirmSignUp(email, code) {
      await confirmSignUp({ username: normalised(email), confirmationCode: code.trim() });
    },
    async resendSignUpCode(email) {
      await resendSignUpCode({ username: normalised(email) });
    },
    async signIn(email, password) {
      const result = await signIn({ username: normalised(email), password, options: { authFlowType: "USER_PASSWORD_AUTH" } });
      if (result.isSignedIn) return { kind: "signedIn" };
      if (result.nextStep.signInStep === "CONFIRM_SIGN_UP") return { kind: "confirmSignUp" };
      // MFA, a new-password challenge and the like are not part of this shop's user pool.
      throw Object.assign(new Error(`This account needs a sign-in step the shop does not offer (${result.nextStep.signInStep}).`), {
        name: "UnsupportedSignInStep",
      });
    },
    async signOut() {
      await signOut();
    },
    async requestPasswordReset(email) {
      await resetPassword({ username: normalised(email) });
    },
    async confirmPasswordReset(email, code, newPassword) {
      await confirmResetPassword({ username: normalised(email), confirmationCode: code.trim(), newPassword });
    },
    async currentSession(): Promise<Session | undefined> {
      const { tokens } = await fetchAuthSession();
      const idToken = tokens?.idToken;
      if (!idToken?.payload.sub) return undefined;
      const email = typeof idToken.payload.email === "string" ? idToken.payload.email : undefined;
      return { idToken: idToken.toString(), customerId: idToken.payload.sub, ...(email ? { email } : {}) };
    },
  };
}
