import pg from 'pg';
import { pgUrl } from '../support/backends.ts';

/** A `store:` section on a fresh PostgreSQL schema for testHashi, and how to drop it. */
export function pgStoreYaml(): { yaml: string; drop: () => Promise<void> } {
  const schema = `hashi_fm_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  return {
    yaml: `store:\n  url: ${pgUrl}\n  schema: ${schema}\n`,
    async drop() {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}
