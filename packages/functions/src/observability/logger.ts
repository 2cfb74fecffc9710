import { Logger } from "@aws-lambda-powertools/logger";

/** Structured JSON logs (Powertools); the service name groups every function of the app. */
export const logger = new Logger({ serviceName: "pizza-orders" });
