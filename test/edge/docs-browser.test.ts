import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, readEnvironment } from '../../src/config/index.ts';
import { createHashi, type Hashi } from '../../src/main.ts';
import { silentLogger } from '../../src/observability/index.ts';

// A real browser renders /docs, under the edge's security headers (server.securityHeaders:
// CSP with scripts from files only, frame-ancestors 'none'). It needs a Chromium (Debian: `apt-get install chromium`);
// HASHI_TEST_CHROMIUM names another binary. Without one the suite is skipped, saying why.
const CHROMIUM = readEnvironment().testChromium ?? '/usr/bin/chromium';
const missing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found: install chromium or set HASHI_TEST_CHROMIUM`;
if (missing) console.warn(`docs page in a browser [browser] skipped: ${missing}`);

const DEMO = fileURLToPath(new URL('../../examples/hashi.yaml', import.meta.url));

describe.skipIf(missing !== undefined)('the /docs page in a real browser [browser]', () => {
  let hashi: Hashi;
  let dataDir: string;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hashi-docs-'));
    hashi = await createHashi(loadConfig({ file: DEMO, env: {}, overrides: { dataDir } }), { http: true, logger: silentLogger() });
    base = await hashi.app!.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await hashi?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('renders every documented operation from local assets only, with no script errors', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => void requested.push(request.url()));
    page.on('pageerror', (error) => void problems.push(`page error: ${error.message}`));
    page.on('console', (message) => void (message.type() === 'error' && problems.push(`console: ${message.text()}`)));

    const response = await page.goto(`${base}/docs`);
    expect(response?.status()).toBe(200);
    // The page runs under the edge's own Content-Security-Policy: scripts from this origin only, none inline.
    const csp = (await response!.allHeaders())['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("default-src 'self'");
    await page.waitForSelector('.opblock-summary', { timeout: 20_000 });

    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    // An operation with two tags is shown under each: compare the distinct ones.
    const rendered = await page.locator('.opblock-summary').evaluateAll((rows) =>
      rows.map((row) => `${row.querySelector('.opblock-summary-method')?.textContent} ${row.querySelector('.opblock-summary-path')?.getAttribute('data-path')}`),
    );
    expect(new Set(rendered)).toEqual(new Set(operations));
    expect(operations.length).toBeGreaterThan(70);
    await expect(page.title()).resolves.toBe('Hashi API');
    await page.screenshot({ path: join(tmpdir(), 'hashi-docs.png') });
    // The WebSocket operation is there with its 101 and its message protocol (the x-websocket extension).
    const ws = page.locator('#operations-fm-get_v1_chat_ws');
    await ws.locator('.opblock-summary').click();
    await expect(ws.textContent()).resolves.toContain('Switching Protocols');
    await expect(ws.textContent()).resolves.toContain('x-websocket');
    await ws.locator('.response-col_status', { hasText: '101' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(tmpdir(), 'hashi-docs-ws.png') });
    const origin = new URL(base).origin;
    expect(requested.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);
  /** A page that records every CSP violation (reported by the browser itself, before any page script), console error and failed load. */
  async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      // Failed loads are reported with their URL below (the browser's own favicon probe is no problem).
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
    // (Browser code is passed as text: this project compiles without the DOM types.)
    await page.addInitScript({ content: "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));" });
    return { page, problems };
  }

  it('works under its Content-Security-Policy: no violation, styles applied, its own origin reachable', async () => {
    const { page, problems } = await watchedPage();
    const response = await page.goto(`${base}/docs`, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(response?.headers()['x-frame-options']).toBe('DENY');
    await page.waitForSelector('.opblock-summary', { timeout: 20_000 });
    await page.getByText('/v1/chat/completions').first().waitFor({ timeout: 5_000 });
    // The stylesheets were applied, not blocked: their rules are in the document.
    expect(await page.evaluate('[...document.styleSheets].reduce((n, sheet) => n + sheet.cssRules.length, 0)')).toBeGreaterThan(100);
    // Swagger UI's method badges take their colour from its stylesheet (the browser default is transparent).
    expect(await page.evaluate("getComputedStyle(document.querySelector('.opblock-summary-method')).backgroundColor")).not.toBe('rgba(0, 0, 0, 0)');
    // The page may call its own origin (connect-src 'self'), as "Try it out" does.
    expect(await page.evaluate("fetch('/openapi.json').then((r) => r.status)")).toBe(200);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('refuses to be framed by another site', async () => {
    const outer: Server = createServer((_req, res) => res.end(`<!doctype html><iframe id="f" src="${base}/docs"></iframe>`));
    await new Promise<void>((resolve) => outer.listen(0, '127.0.0.1', resolve));
    try {
      const { page, problems } = await watchedPage();
      // Another origin (another host name and port) framing /docs.
      await page.goto(`http://localhost:${(outer.address() as { port: number }).port}/`, { waitUntil: 'networkidle' });
      const framed = page.frames().find((frame) => frame !== page.mainFrame());
      const text = framed ? await framed.evaluate<string>("document.body ? document.body.innerText : ''").catch(() => '') : '';
      expect(text).not.toContain('/v1/chat/completions');
      expect(problems.join('\n')).toMatch(/frame-ancestors/);
      await page.close();
    } finally {
      await new Promise((resolve) => outer.close(resolve));
    }
  }, 60_000);
});
