import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { samplePayload } from '../../examples/send-webhook.mjs';
import { FakeClock } from '../../src/kernel/index.ts';
import { ADMIN_KEY, testHashi } from '../support/hashi.ts';
import { Receiver, mangaYaml, sendWebhook, settle, type TestHashi } from './support.ts';

/** The smallest SMTP server nodemailer will talk to (RFC 5321 replies, no TLS, no auth); keeps each message. */
class TinySmtp {
  readonly messages: Array<{ from: string; to: string[]; data: string }> = [];
  private server: Server | undefined;
  port = 0;

  async start(): Promise<this> {
    this.server = createServer((socket: Socket) => {
      let buffer = '';
      let inData = false;
      let current = { from: '', to: [] as string[], data: '' };
      const reply = (line: string) => socket.write(`${line}\r\n`);
      reply('220 tiny.smtp.test ESMTP');
      socket.on('data', (chunk) => {
        buffer += chunk.toString('utf8');
        for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
          const line = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          if (inData) {
            if (line === '.') {
              inData = false;
              this.messages.push(current);
              current = { from: '', to: [], data: '' };
              reply('250 2.0.0 queued');
            } else current.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
            continue;
          }
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === 'MAIL') current.from = line;
          if (verb === 'RCPT') current.to.push(line);
          if (verb === 'DATA') inData = true;
          const replies: Record<string, string> = { EHLO: '250 tiny.smtp.test', HELO: '250 tiny.smtp.test', MAIL: '250 2.1.0 ok', RCPT: '250 2.1.5 ok', DATA: '354 go ahead', QUIT: '221 bye' };
          reply(replies[verb] ?? '250 ok');
          if (verb === 'QUIT') socket.end();
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

describe('MangaAssist mail over SMTP (manga.mail.smtpUrl)', () => {
  let smtp: TinySmtp;
  let receiver: Receiver;
  let hashi: TestHashi;
  let clock: FakeClock;

  beforeEach(async () => {
    smtp = await new TinySmtp().start();
    receiver = await new Receiver().start();
    clock = new FakeClock(Date.UTC(2026, 10, 22, 12));
    const mail = `  mail: { smtpUrl: "smtp://127.0.0.1:${smtp.port}", from: "Shop <orders@shop.example>" }\n`;
    hashi = await testHashi({ clock, yaml: mangaYaml(receiver.url).replace('manga:\n', `manga:\n${mail}`) });
    await hashi.manga!.seed();
  });
  afterEach(async () => {
    await hashi.close();
    await receiver.stop();
    await smtp.stop();
  });

  it('sends the order confirmation to the SMTP server instead of the mailbox folder', async () => {
    await sendWebhook(hashi, clock, 'stripe', samplePayload('stripe'));
    await settle(hashi);

    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.to).toEqual(['RCPT TO:<aiko.tanaka@example.jp>']);
    expect(smtp.messages[0]!.data).toContain('Subject: Your MangaAssist order ORD-DEMO-0001 is confirmed');
    expect(smtp.messages[0]!.data).toContain('From: Shop <orders@shop.example>');
    const order = (await hashi.app!.inject({ url: '/manga/v1/orders/ORD-DEMO-0001', headers: { 'x-admin-key': ADMIN_KEY } })).json();
    expect(order.mail).toMatchObject({ status: 'sent', delivered_to: `smtp:<${order.mail.id}@mangaassist.local>` });
  });
});
