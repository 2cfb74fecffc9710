// X-Ray tracing (Powertools Tracer): every function's invocation is a segment (observedHandler.ts)
// and every AWS SDK call a subsegment. The SDK clients are the core's (packages/core/src/aws/clients.ts);
// the core knows nothing of Powertools, so it takes the capture as a hook. Outside Lambda (local
// mode, tests) the Tracer disables itself and the capture returns the client unchanged.
import { Tracer } from "@aws-lambda-powertools/tracer";
import { instrumentAwsClients } from "@pizza-orders/core/aws/clients";
import { SERVICE_NAME } from "./serviceIdentity";

export const tracer = new Tracer({ serviceName: SERVICE_NAME });

instrumentAwsClients((client) => tracer.captureAWSv3Client(client));
