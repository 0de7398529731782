export { verifySigV4, formatAmzDate, type SigV4Failure, type SigV4Result, type VerifyOptions } from './verify.ts';
export type { SignedHttpRequest } from './canonical.ts';
