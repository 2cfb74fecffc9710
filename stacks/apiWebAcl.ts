// The production API's web ACL (AWS WAF, REGIONAL, associated with the AppSync API): requests over
// the API's body size limit are refused with 413, one address may send at most
// API_RATE_LIMIT_PER_IP requests per 5 minutes (then 429 until it slows down), and AWS's managed
// common rule set blocks well-known exploit patterns.

import type { IGraphqlApi } from "aws-cdk-lib/aws-appsync";
import { CfnWebACL, CfnWebACLAssociation } from "aws-cdk-lib/aws-wafv2";
import type { Construct } from "constructs";
import { API_LIMITS } from "../packages/functions/src/api/apiLimits";

/**
 * Requests per client address per 5-minute window. A customer tracking an order polls at most
 * every 4 s after the first seconds (web/src/orders/pollingBackoff.ts), about 100 requests per
 * window with the menu and order list; 1,000 lets ten customers share one NAT address.
 */
export const API_RATE_LIMIT_PER_IP = 1_000;
export const API_RATE_WINDOW_SECONDS = 300;

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

// The local API answers these refusals with the same bodies (packages/local/src/api/shopApiServer.ts).
const error = (errorType: string, message: string) => JSON.stringify({ errors: [{ errorType, message }] });

export function protectApiWithWebAcl(scope: Construct, api: IGraphqlApi): CfnWebACL {
  const webAcl = new CfnWebACL(scope, "OrdersApiWebAcl", {
    scope: "REGIONAL",
    defaultAction: { allow: {} },
    visibilityConfig: visibility("OrdersApiWebAcl"),
    customResponseBodies: {
      PayloadTooLarge: {
        contentType: "APPLICATION_JSON",
        content: error("PayloadTooLargeException", `The request body is larger than ${API_LIMITS.maxRequestBodyBytes} bytes.`),
      },
      TooManyRequests: {
        contentType: "APPLICATION_JSON",
        content: error("TooManyRequestsException", "Too many requests from this address; try again in a few minutes."),
      },
    },
    rules: [
      {
        // WAF sees at most the first 8 KB of an AppSync body; a larger body counts as a match.
        name: "RequestBodySize",
        priority: 0,
        action: { block: { customResponse: { responseCode: 413, customResponseBodyKey: "PayloadTooLarge" } } },
        statement: {
          sizeConstraintStatement: {
            fieldToMatch: { body: { oversizeHandling: "MATCH" } },
            comparisonOperator: "GT",
            size: API_LIMITS.maxRequestBodyBytes,
            textTransformations: [{ priority: 0, type: "NONE" }],
          },
        },
        visibilityConfig: visibility("OrdersApiRequestBodySize"),
      },
      {
        name: "RateLimitPerIp",
        priority: 1,
        action: { block: { customResponse: { responseCode: 429, customResponseBodyKey: "TooManyRequests" } } },
        statement: { rateBasedStatement: { limit: API_RATE_LIMIT_PER_IP, evaluationWindowSec: API_RATE_WINDOW_SECONDS, aggregateKeyType: "IP" } },
        visibilityConfig: visibility("OrdersApiRateLimitPerIp"),
      },
      {
        name: "AWSManagedRulesCommonRuleSet",
        priority: 2,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } },
        visibilityConfig: visibility("OrdersApiCommonRuleSet"),
      },
    ],
  });
  new CfnWebACLAssociation(scope, "OrdersApiWebAclAssociation", { resourceArn: api.arn, webAclArn: webAcl.attrArn });
  return webAcl;
}
