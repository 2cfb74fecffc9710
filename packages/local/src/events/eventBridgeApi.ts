// The EventBridge API the SDK's EventBridgeClient speaks (AWS JSON 1.1, x-amz-target
// AWSEvents.<Operation>), reduced to PutEvents on the local bus: the order-changes consumer's
// publisher runs unchanged against it (AWS_ENDPOINT_URL_EVENTBRIDGE).
import { type AwsJsonServiceDefinition, AwsServiceError } from "../http/awsJsonProtocol";
import type { LocalEventBus, PutEventsEntry } from "./localEventBus";

/** PutEvents takes at most 10 entries per call. */
const MAX_ENTRIES = 10;

export function eventBridgeApi(bus: LocalEventBus): AwsJsonServiceDefinition {
  return {
    targetPrefix: "AWSEvents",
    errorNamespace: "com.amazonaws.eventbridge",
    operations: {
      PutEvents: async (input) => {
        const entries = (input.Entries ?? []) as PutEventsEntry[];
        if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_ENTRIES) {
          throw new AwsServiceError("ValidationException", `Entries must hold 1 to ${MAX_ENTRIES} events`);
        }
        for (const entry of entries) {
          const busName = entry.EventBusName ?? "default";
          if (busName !== bus.name && busName !== bus.arn) throw new AwsServiceError("ResourceNotFoundException", `Event bus ${busName} does not exist.`);
        }
        const results = await bus.putEvents(entries);
        return { FailedEntryCount: results.filter((result) => "ErrorCode" in result).length, Entries: results };
      },
    },
  };
}
