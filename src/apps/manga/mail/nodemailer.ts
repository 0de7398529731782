import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Transporter } from 'nodemailer';

export interface MailMessage {
  /** Outbox id: the Message-ID's local part and the .eml file name. */
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  date: Date;
}

export interface MailTransport {
  /** Where the message went: the .eml path, or `smtp:<message id>`. */
  send(message: MailMessage): Promise<string>;
  close(): void;
}

const messageId = (id: string) => `<${id}@mangaassist.local>`;

/**
 * The only file that imports nodemailer (on the first message, so commands
 * that never send mail do not load it). With an SMTP URL, messages go to that
 * server; without one, nodemailer's stream transport builds the RFC 5322
 * message and it is written to `<mailbox>/<id>.eml` (rewriting the same file
 * when a job runs twice).
 */
export function createMailTransport(options: { smtpUrl: string; mailboxDir: string }): MailTransport {
  const smtp = options.smtpUrl !== '';
  let transport: Promise<Transporter> | undefined;
  const open = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      smtp ? nodemailer.createTransport(options.smtpUrl) : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }),
    ));
  return {
    async send(m) {
      const info = await (await open()).sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text, messageId: messageId(m.id), date: m.date });
      if (smtp) return `smtp:${String(info.messageId)}`;
      await mkdir(options.mailboxDir, { recursive: true });
      const path = join(options.mailboxDir, `${m.id}.eml`);
      await writeFile(path, (info as { message: Buffer }).message);
      return path;
    },
    close() {
      void transport?.then((t) => t.close()).catch(() => undefined);
    },
  };
}
