import { Logger } from "@aws-lambda-powertools/logger";
import { SERVICE_NAME } from "./serviceIdentity";

/**
 * Structured JSON logs (Powertools); the service name groups every function of the app. Lambda
 * context and the order's id are added per invocation by observedHandler.ts.
 */
export const logger = new Logger({ serviceName: SERVICE_NAME });
