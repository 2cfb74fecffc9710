// An SNSClient whose HTTP layer answers like SNS and records each Publish, so the notifier's
// at-most-once logic runs against the real SDK client. `failNext` makes the next publish fail
// with a server error, as SNS does when it is unavailable.
import { Readable } from "node:stream";
import { SNSClient } from "@aws-sdk/client-sns";
import { type HttpRequest, HttpResponse } from "@smithy/core/transport";

export interface CapturedPublish {
  subject?: string;
  message: string;
  topicArn: string;
  /** The message attributes' string values, by name. */
  attributes: Record<string, string>;
}

/** MessageAttributes.entry.N.Name / .Value.StringValue, as the SDK's query protocol sends them. */
function stringAttributes(form: URLSearchParams): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (let index = 1; form.has(`MessageAttributes.entry.${index}.Name`); index++)
    attributes[form.get(`MessageAttributes.entry.${index}.Name`)!] = form.get(`MessageAttributes.entry.${index}.Value.StringValue`) ?? "";
  return attributes;
}

export function capturingSnsClient() {
  const published: CapturedPublish[] = [];
  const control = { failNext: 0 };
  const client = new SNSClient({
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
    requestHandler: {
      async handle(request: HttpRequest) {
        const form = new URLSearchParams(String(request.body));
        if (control.failNext > 0) {
          control.failNext--;
          const body = `<ErrorResponse><Error><Type>Receiver</Type><Code>InternalError</Code><Message>down</Message></Error></ErrorResponse>`;
          return { response: new HttpResponse({ statusCode: 500, headers: { "content-type": "text/xml" }, body: Readable.from([body]) }) };
        }
        published.push({
          subject: form.get("Subject") ?? undefined,
          message: form.get("Message") ?? "",
          topicArn: form.get("TopicArn") ?? "",
          attributes: stringAttributes(form),
        });
        const body = `<PublishResponse><PublishResult><MessageId>m-${published.length}</MessageId></PublishResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>`;
        return { response: new HttpResponse({ statusCode: 200, headers: { "content-type": "text/xml" }, body: Readable.from([body]) }) };
      },
    },
  });
  return { client, published, control };
}
