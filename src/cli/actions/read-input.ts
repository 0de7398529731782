import { readFileSync } from 'node:fs';
import { HashiError } from '../../kernel/index.ts';

/** A refusal: printed as `error: …` on stderr with exit code 2 by the CLI's main. */
export const refuse = (message: string, code = 'CLI_INVALID') => new HashiError(code, message, { status: 400 });

/** Inline JSON when the value starts with `{` or `[`, else the path of a JSON file. */
export function readJson(value: string, flag: string): unknown {
  const text = /^\s*[[{]/.test(value) ? value : readText(value, flag);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw refuse(`${flag}: not valid JSON: ${(err as Error).message}`);
  }
}

export function readText(path: string, flag: string): string {
  return readBytes(path, flag).toString('utf8');
}

/** A file named by a flag, byte for byte; a missing or unreadable one is a usage error (exit 2). */
export function readBytes(path: string, flag: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw refuse(`${flag}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
