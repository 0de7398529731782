import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

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
 * The only file that imports nodemailer. With an SMTP URL, messages go to that
 * server; without one, nodemailer's stream transport builds the RFC 5322
 * message and it is written to `<mailbox>/<id>.eml` (rewriting the same file
 * when a job runs twice).
 */
export function createMailTransport(options: { smtpUrl: string; mailboxDir: string }): MailTransport {
  if (options.smtpUrl !== '') {
    const smtp = nodemailer.createTransport(options.smtpUrl);
    return {
      async send(m) {
        const info = await smtp.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text, messageId: messageId(m.id), date: m.date });
        return `smtp:${String(info.messageId)}`;
      },
      close: () => smtp.close(),
    };
  }
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(m) {
      const info = await stream.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text, messageId: messageId(m.id), date: m.date });
      await mkdir(options.mailboxDir, { recursive: true });
      const path = join(options.mailboxDir, `${m.id}.eml`);
      await writeFile(path, info.message as Buffer);
      return path;
    },
    close: () => stream.close(),
  };
}
