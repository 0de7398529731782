import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readEnvironment } from '../../src/config/index.ts';
import { ROOT } from './cli.ts';

/** The files the SciFact guard reads; all must be present. */
const FILES = ['corpus.jsonl', 'queries.jsonl', 'qrels/test.tsv'];

/** `missing` says why the data cannot be used; absent when it can. */
export interface ScifactData {
  dir: string;
  missing?: string;
}

/**
 * Where BEIR SciFact lives: HASHI_TEST_SCIFACT_DIR, else `../shared/data/scifact`
 * beside the repository (the development machine's layout). A clone has
 * neither, so the guard reports what is missing and its suite is skipped;
 * `.ci/run` requires the `[scifact]` suite to have run.
 */
export function locateScifact(env = readEnvironment()): ScifactData {
  const dir = resolve(ROOT, env.testScifactDir ?? '../shared/data/scifact');
  const absent = FILES.find((f) => !existsSync(resolve(dir, f)));
  return absent === undefined ? { dir } : { dir, missing: `${resolve(dir, absent)} not found: set HASHI_TEST_SCIFACT_DIR to a BEIR SciFact folder` };
}
