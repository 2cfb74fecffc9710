// The SNS API for the notifications topic. @aws-sdk/client-sns speaks the AWS query protocol:
// a form-encoded POST (Action=Publish&TopicArn=...&Message=...) answered with XML. Publishing
// appends one entry to the outbox (no e-mail leaves the machine) and hands it to the queues
// subscribed to the topic (topicSubscriptions.ts) before answering. Two actions are all the shop
// needs, so they are answered here rather than by an SNS emulator (LocalStack needs Docker).
import { randomUUID } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { readBody } from "../http/httpServer";
import type { NotificationOutbox, OutboxEntry } from "./notificationOutbox";
import type { TopicSubscriptions } from "./topicSubscriptions";

const XMLNS = "http://sns.amazonaws.com/doc/2010-03-31/";

class SnsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}

export interface LocalTopic {
  arn: string;
  name: string;
  /** The SQS queues subscribed to it (raw message delivery). */
  subscriptions?: TopicSubscriptions;
}

export function snsRequestListener(topics: LocalTopic[], outbox: NotificationOutbox): RequestListener {
  const topicFor = (params: URLSearchParams): LocalTopic => {
    const arn = params.get("TopicArn") ?? params.get("TargetArn") ?? "";
    const topic = topics.find((candidate) => candidate.arn === arn);
    if (!topic) throw new SnsError("NotFound", "Topic does not exist", 404);
    return topic;
  };
  const actions: Record<string, (params: URLSearchParams) => string | Promise<string>> = {
    Publish: async (params) => {
      const topic = topicFor(params);
      const message = params.get("Message");
      if (!message) throw new SnsError("InvalidParameter", "Invalid parameter: Message");
      const entry: OutboxEntry = {
        messageId: randomUUID(),
        topicArn: topic.arn,
        subject: params.get("Subject") ?? undefined,
        message,
        messageAttributes: messageAttributes(params),
        publishedAt: new Date().toISOString(),
      };
      outbox.append(entry);
      await topic.subscriptions?.deliver(entry);
      return `<PublishResult><MessageId>${entry.messageId}</MessageId></PublishResult>`;
    },
    GetTopicAttributes: (params) => {
      const topic = topicFor(params);
      const attributes = {
        TopicArn: topic.arn,
        DisplayName: topic.name,
        SubscriptionsConfirmed: String(topic.subscriptions?.count ?? 0),
        SubscriptionsPending: "0",
      };
      const entries = Object.entries(attributes)
        .map(([key, value]) => `<entry><key>${key}</key><value>${escapeXml(value)}</value></entry>`)
        .join("");
      return `<GetTopicAttributesResult><Attributes>${entries}</Attributes></GetTopicAttributesResult>`;
    },
  };
  return (request, response) => {
    void handle(actions, request, response);
  };
}

async function handle(
  actions: Record<string, (params: URLSearchParams) => string | Promise<string>>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const requestId = randomUUID();
  try {
    const params = new URLSearchParams(await readBody(request));
    const action = params.get("Action") ?? "";
    const run = actions[action];
    if (request.method !== "POST" || !run) throw new SnsError("InvalidAction", `The action ${action} is not valid for this endpoint.`);
    const result = await run(params);
    writeXml(
      response,
      200,
      `<${action}Response xmlns="${XMLNS}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
    );
  } catch (error) {
    const snsError = error instanceof SnsError ? error : new SnsError("InternalError", error instanceof Error ? error.message : String(error), 500);
    writeXml(
      response,
      snsError.statusCode,
      `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${snsError.statusCode < 500 ? "Sender" : "Receiver"}</Type><Code>${snsError.code}</Code><Message>${escapeXml(snsError.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    );
  }
}

/** MessageAttributes.entry.N.Name / .Value.DataType / .Value.StringValue|BinaryValue */
function messageAttributes(params: URLSearchParams): OutboxEntry["messageAttributes"] {
  const attributes: OutboxEntry["messageAttributes"] = {};
  for (let index = 1; params.has(`MessageAttributes.entry.${index}.Name`); index++) {
    const prefix = `MessageAttributes.entry.${index}`;
    attributes[params.get(`${prefix}.Name`)!] = {
      dataType: params.get(`${prefix}.Value.DataType`) ?? "String",
      value: params.get(`${prefix}.Value.StringValue`) ?? params.get(`${prefix}.Value.BinaryValue`) ?? "",
    };
  }
  return attributes;
}

function writeXml(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { "content-type": "text/xml", "content-length": Buffer.byteLength(body) });
  response.end(body);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[char]!);
}
