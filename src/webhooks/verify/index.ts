export { verifyOne, toHeaders } from './verify-one.ts';
export { verifyFiles, parseHeadersFile, parseAtOption } from './files.ts';
export type { VerifyFilesInput } from './files.ts';
export { verifyJsonl, verifyJsonlLine, formatOutcomes, exitCodeFor } from './jsonl.ts';
export type { VerifyOutcome, VerifyContext, VerifyInput, InputReason } from './types.ts';
