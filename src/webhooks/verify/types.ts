import type { RejectReason, SourceDefinition } from '../schemes/index.ts';

/** Why the CLI could not even try: the input, not the signature, was wrong. */
export type InputReason = 'malformed_line' | 'unknown_source' | 'invalid_source';

/** One verdict, as printed: one JSON object per input. */
export type VerifyOutcome =
  | { valid: true; timestamp?: number; id?: string }
  | { valid: false; reason: RejectReason | InputReason; message: string };

export interface VerifyContext {
  /** Looks up a source by its name in hashi.yaml. */
  resolveSource: (name: string) => SourceDefinition | undefined;
  /** Used when an input gives no `at`; the CLI passes its clock's unix seconds. */
  nowSeconds: number;
}

/** One delivery to check, already decoded. `source` is a name or an inline definition. */
export interface VerifyInput {
  source: unknown;
  headers: unknown;
  body: Buffer;
  at?: number;
}
