// Who is who: the customers' Cognito user pool (e-mail sign-in with a confirmation code, password
// reset by e-mail), the web app's client, and one staff group per restaurant of the menu
// (`staff-<restaurantId>`, named by the core). The API accepts its tokens (stacks/Api.ts); the
// customer of an order is the verified token's `sub`.

import { Duration } from "aws-cdk-lib";
import { AccountRecovery, CfnUserPoolGroup, Mfa, VerificationEmailStyle } from "aws-cdk-lib/aws-cognito";
import { Cognito, type StackContext } from "sst/constructs";
import { staffGroupsOfMenu } from "../packages/core/src/access/staffGroups";
import { suppressUserPoolFindings } from "./nagSuppressions";
import { stageConfig } from "./stageConfig";

/** What a customer's password must have (Cognito checks it; the web app shows the same rules). */
export const PASSWORD_POLICY = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
  tempPasswordValidity: Duration.days(3),
} as const;

export function Auth({ stack }: StackContext) {
  const config = stageConfig(stack.stage);

  const auth = new Cognito(stack, "Customers", {
    login: ["email"],
    // Browsers need no AWS credentials: the API takes the user pool's tokens directly.
    identityPoolFederation: false,
    cdk: {
      userPool: {
        selfSignUpEnabled: true,
        autoVerify: { email: true },
        keepOriginal: { email: true },
        userVerification: {
          emailStyle: VerificationEmailStyle.CODE,
          emailSubject: "Your pizza-orders confirmation code",
          emailBody: "Your pizza-orders confirmation code is {####}",
        },
        standardAttributes: { email: { required: true, mutable: true } },
        accountRecovery: AccountRecovery.EMAIL_ONLY,
        passwordPolicy: PASSWORD_POLICY,
        mfa: Mfa.OPTIONAL,
        mfaSecondFactor: { otp: true, sms: false },
        removalPolicy: config.removalPolicy,
        deletionProtection: config.userPool.deletionProtection,
      },
      userPoolClient: {
        // SRP for the cloud; USER_PASSWORD_AUTH too, because the local user pool (cognito-local)
        // supports only that flow and the web app uses one flow in both modes.
        authFlows: { userSrp: true, userPassword: true },
        generateSecret: false,
        preventUserExistenceErrors: true,
        enableTokenRevocation: true,
        idTokenValidity: Duration.hours(1),
        accessTokenValidity: Duration.hours(1),
        refreshTokenValidity: Duration.days(30),
      },
    },
  });

  for (const group of staffGroupsOfMenu()) {
    new CfnUserPoolGroup(stack, `StaffGroup${group.restaurantId}`, {
      userPoolId: auth.userPoolId,
      groupName: group.groupName,
      description: `Staff of ${group.restaurantName}: may read that restaurant's orders.`,
    });
  }
  suppressUserPoolFindings(auth);

  stack.addOutputs({ UserPoolId: auth.userPoolId, UserPoolClientId: auth.userPoolClientId });
  return { auth };
}
