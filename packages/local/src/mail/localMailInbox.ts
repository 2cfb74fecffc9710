// Amazon SES, locally: maildev, an SMTP server with a web inbox, keeps every e-mail the shop sends
// (in the data folder, so a restart keeps the inbox). The customer e-mail function sends to it
// over SMTP with the same mail library it uses with SES in the cloud (nodemailer), and asks its
// API whether an e-mail was accepted before it resends one (see CustomerEmailSender).
import { join } from "node:path";
import { MailDev } from "maildev";

export const MAIL_DIR = "mail";

export interface LocalMailInbox {
  /** Where the shop's functions send (SMTP_URL). */
  smtpUrl: string;
  /** The web inbox a person opens. */
  inboxUrl: string;
  /** maildev's REST API (MAIL_INBOX_API_URL): GET /email lists the messages. */
  apiUrl: string;
  stop(): Promise<void>;
}

export interface LocalMailInboxOptions {
  dataDir: string;
  host: string;
  /** 0 picks free ports. */
  smtpPort: number;
  webPort: number;
  /** How the inbox is reached from a browser (localhost rather than the loopback address). */
  publicHost: string;
}

export async function startLocalMailInbox(options: LocalMailInboxOptions): Promise<LocalMailInbox> {
  const maildev = new MailDev({
    smtp: options.smtpPort,
    web: options.webPort,
    ip: options.host,
    webIp: options.host,
    mailDirectory: join(options.dataDir, MAIL_DIR),
    silent: true,
  });
  const servers = await maildev.start();
  const smtpPort = (servers.smtp as unknown as { port: number }).port;
  const webPort = (servers.api as unknown as { boundAddress?: { port: number } } | undefined)?.boundAddress?.port;
  if (!webPort) {
    await maildev.stop();
    throw new Error("maildev started without its web inbox");
  }
  return {
    smtpUrl: `smtp://${options.host}:${smtpPort}`,
    inboxUrl: `http://${options.publicHost}:${webPort}/`,
    apiUrl: `http://${options.host}:${webPort}/api`,
    stop: () => maildev.stop(),
  };
}
