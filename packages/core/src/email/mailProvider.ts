// The one mail library (nodemailer) with the transport the configuration names: Amazon SES in the
// cloud (SESv2 SendEmail through the SDK, with the stage's configuration set and message tags),
// SMTP locally (maildev). Each provider can also say whether it already accepted an e-mail, which
// is what makes a resend after a crash safe (see CustomerEmailSender):
//   - SMTP/maildev: its API lists the messages it received; the e-mail's event id is in a header;
//   - SES: the configuration set publishes a Send event per accepted message to EventBridge, with
//     the message tags; its listener records it on the order (CustomerEmailDeliveries.recordAccepted).
import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";
import { ConfigurationError } from "../errors";
import type { CustomerEmailContent } from "./customerEmailContent";
import type { CustomerEmailDeliveries } from "./customerEmailDeliveries";
import { SES_TAGS } from "./sesTags";

/** The header every customer e-mail carries its event id in (what a lookup searches for). */
export const EVENT_ID_HEADER = "X-Pizza-Event-Id";

export interface OutgoingEmail extends CustomerEmailContent {
  to: string;
  eventId: string;
  orderId: string;
  /** The e-mail's key on the order (the event's status-history index). */
  key: string;
}

export interface MailProvider {
  readonly name: string;
  send(email: OutgoingEmail): Promise<void>;
  /** Whether the provider already accepted this e-mail (a sender died before recording it). */
  wasAccepted(email: Pick<OutgoingEmail, "eventId" | "orderId" | "key">): Promise<boolean>;
}

const MailConfigSchema = z.discriminatedUnion("CUSTOMER_EMAIL_TRANSPORT", [
  z.object({ CUSTOMER_EMAIL_TRANSPORT: z.literal("ses"), CUSTOMER_EMAIL_FROM: z.string().email(), SES_CONFIGURATION_SET: z.string().min(1) }),
  z.object({
    CUSTOMER_EMAIL_TRANSPORT: z.literal("smtp"),
    CUSTOMER_EMAIL_FROM: z.string().email(),
    SMTP_URL: z.string().url(),
    MAIL_INBOX_API_URL: z.string().url(),
  }),
]);
export type MailConfig = z.infer<typeof MailConfigSchema>;

export function readMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const result = MailConfigSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigurationError(
      `Customer e-mail configuration is not valid (${result.error.issues.map((issue) => `${issue.path.join(".") || "CUSTOMER_EMAIL_TRANSPORT"}: ${issue.message}`).join("; ")})`,
    );
  }
  return result.data;
}

function messageOf(from: string, email: OutgoingEmail) {
  return { from, to: email.to, subject: email.subject, text: email.text, html: email.html, headers: { [EVENT_ID_HEADER]: email.eventId } };
}

export class SmtpMailProvider implements MailProvider {
  readonly name = "smtp";
  private readonly transport: Transporter;

  constructor(
    private readonly from: string,
    smtpUrl: string,
    private readonly inboxApiUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(email: OutgoingEmail): Promise<void> {
    await this.transport.sendMail(messageOf(this.from, email));
  }

  async wasAccepted(email: Pick<OutgoingEmail, "eventId">): Promise<boolean> {
    // maildev's API filters its messages by any field, header names lower-cased.
    const url = new URL("email", this.inboxApiUrl.endsWith("/") ? this.inboxApiUrl : `${this.inboxApiUrl}/`);
    url.searchParams.set(`headers.${EVENT_ID_HEADER.toLowerCase()}`, email.eventId);
    const response = await this.fetchImpl(url);
    if (!response.ok) throw new Error(`The mail inbox did not answer the lookup of ${email.eventId} (HTTP ${response.status})`);
    return ((await response.json()) as unknown[]).length > 0;
  }
}

export class SesMailProvider implements MailProvider {
  readonly name = "ses";
  private readonly transport: Transporter;

  constructor(
    private readonly from: string,
    private readonly configurationSet: string,
    private readonly deliveries: CustomerEmailDeliveries,
    ses: SESv2Client = new SESv2Client({}),
  ) {
    this.transport = nodemailer.createTransport({ SES: { sesClient: ses, SendEmailCommand } });
  }

  async send(email: OutgoingEmail): Promise<void> {
    await this.transport.sendMail({
      ...messageOf(this.from, email),
      ses: {
        ConfigurationSetName: this.configurationSet,
        EmailTags: [
          { Name: SES_TAGS.orderId, Value: email.orderId },
          { Name: SES_TAGS.emailKey, Value: email.key },
        ],
      },
    });
  }

  wasAccepted(email: Pick<OutgoingEmail, "orderId" | "key">): Promise<boolean> {
    return this.deliveries.wasAccepted(email.orderId, email.key);
  }
}

export function mailProviderFromConfig(config: MailConfig, deliveries: CustomerEmailDeliveries): MailProvider {
  return config.CUSTOMER_EMAIL_TRANSPORT === "ses"
    ? new SesMailProvider(config.CUSTOMER_EMAIL_FROM, config.SES_CONFIGURATION_SET, deliveries)
    : new SmtpMailProvider(config.CUSTOMER_EMAIL_FROM, config.SMTP_URL, config.MAIL_INBOX_API_URL);
}
