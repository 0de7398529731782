import pg from 'pg';
import { pgUrl } from '../support/backends.ts';
import { ADMIN_KEY, testHashi } from '../support/hashi.ts';
import type { Clock } from '../../src/kernel/index.ts';

export { ADMIN_KEY };

/** Plans roomy enough that a test's burst of requests is never rate-limited (the clock does not move). */
const PLANS = 'plans:\n  default: { rps: 1000, burst: 1000 }\n';

export type Desk = Awaited<ReturnType<typeof testHashi>>;

export async function startDesk(options: { yaml?: string; clock?: Clock; http?: boolean } = {}): Promise<Desk> {
  const yaml = options.yaml ?? '';
  return testHashi({ yaml: /^plans:/m.test(yaml) ? yaml : `${PLANS}${yaml}`, ...(options.clock ? { clock: options.clock } : {}), ...(options.http !== undefined ? { http: options.http } : {}) });
}

/** A valid ticket body; override parts per test. */
export function ticketBody(overrides: Record<string, unknown> = {}) {
  return {
    customer: { id: 'C123', name: 'Mario Rossi', contact_email: 'mario.rossi@example.com' },
    asset: { product_type: 'EV_CHARGER', model: 'VoltBox Pro 22', serial: 'SN22X0042', firmware_version: '3.4.1' },
    symptom_text: 'The charger stops after a few seconds and the residual current device trips; the display shows E101.',
    error_code: 'E101',
    lang: 'en-US',
    ...overrides,
  };
}

/** A small knowledge base whose metadata the filter tests can reason about. */
export const KB = [
  {
    id: 'ev-e101-ground-fault',
    title: 'E101 ground fault: the residual current device trips',
    text: 'Error E101 means the charger measured a residual current to earth above 30 mA and opened its contactor. Unplug the vehicle and wait one minute. Check that the charging cable is dry and undamaged. If the residual current device trips again with another vehicle, a technician must test the installation.',
    metadata: { product_type: 'EV_CHARGER', product_model: ['VoltBox Pro 22', 'VoltBox Home 7'], error_code: ['E101'], doc_type: 'troubleshooting' },
  },
  {
    id: 'ev-e103-overtemperature',
    title: 'E103 overtemperature: charging current reduced',
    text: 'Error E103 appears when the charger housing exceeds 70 degrees. The charger reduces the current and resumes when it cools down. Keep the ventilation slots free and avoid direct sunlight.',
    metadata: { product_type: 'EV_CHARGER', product_model: ['VoltBox Pro 22'], error_code: ['E103'], doc_type: 'troubleshooting' },
  },
  {
    id: 'ev-install-home7',
    title: 'Installing the VoltBox Home 7',
    text: 'Mount the VoltBox Home 7 on a solid wall. A type A residual current device of 30 mA and a 32 A breaker are required. The earth conductor must be connected before the first start.',
    metadata: { product_type: 'EV_CHARGER', product_model: ['VoltBox Home 7'], doc_type: 'installation' },
  },
  {
    id: 'inv-e205-insulation',
    title: 'E205 PV insulation resistance low',
    text: 'Error E205 means the inverter measured a low insulation resistance between the PV strings and earth, often after rain. The inverter retries every ten minutes. If the error persists when the panels are dry, a technician must inspect the string cables and connectors.',
    metadata: { product_type: 'INVERTER', product_model: ['SunWave 5K'], error_code: ['E205'], doc_type: 'troubleshooting' },
  },
  {
    id: 'bat-e303-overtemperature',
    title: 'E303 battery overtemperature during charge',
    text: 'Error E303 stops charging when a cell exceeds 55 degrees. The battery resumes charging below 45 degrees. Make sure the battery room is ventilated.',
    metadata: { product_type: 'BATTERY', product_model: ['StoraCell 10'], error_code: ['E303'], doc_type: 'troubleshooting' },
  },
];

export const admin = { 'x-admin-key': ADMIN_KEY };

export async function ingest(desk: Desk, docs: unknown[] = KB) {
  const res = await desk.app!.inject({ method: 'POST', url: '/admin/support/kb/documents', headers: admin, payload: { documents: docs } });
  if (res.statusCode !== 200) throw new Error(`ingest failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

export function bearer(key: string) {
  return { authorization: `Bearer ${key}` };
}

/** Parses an SSE body into its events. */
export function parseSse(body: string): Array<{ event: string; data: any }> {
  return body
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))!.slice(7);
      const data = JSON.parse(lines.find((l) => l.startsWith('data: '))!.slice(6));
      return { event, data };
    });
}

/** SQLite always; PostgreSQL too when HASHI_TEST_PG_URL is set (a fresh schema per desk, dropped on close). */
export const backends: Array<{ name: 'sqlite' | 'postgres'; yaml: () => { yaml: string; drop: () => Promise<void> } }> = [{ name: 'sqlite', yaml: () => ({ yaml: '', drop: async () => undefined }) }];
if (pgUrl) {
  backends.push({
    name: 'postgres',
    yaml: () => {
      const schema = `hashi_support_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      return {
        yaml: `store:\n  url: "${pgUrl}"\n  schema: ${schema}\n`,
        drop: async () => {
          const client = new pg.Client({ connectionString: pgUrl });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await client.end();
        },
      };
    },
  });
}

/** A desk on the given backend; `close` also drops its PostgreSQL schema. */
export async function startDeskOn(backend: (typeof backends)[number], options: { yaml?: string; clock?: Clock } = {}): Promise<Desk> {
  const store = backend.yaml();
  const desk = await startDesk({ ...options, yaml: `${store.yaml}${options.yaml ?? ''}` });
  const close = desk.close.bind(desk);
  return Object.assign(desk, { close: async () => { await close(); await store.drop(); } });
}
