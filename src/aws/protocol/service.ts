import type { FastifyRequest } from 'fastify';
import type { SigV4Failure } from '../sigv4/index.ts';
import type { AwsError } from './aws-error.ts';

/** Who signed the request, as the front door resolved it. */
export interface Caller {
  tenant: string;
  /** The 12-digit account the tenant acts in (its buses, rules, archives and queues). */
  account: string;
  /** The access key id, or `unsigned` (aws.allowUnsigned). */
  accessKeyId: string;
  plan: string;
}

export interface CallContext {
  caller: Caller;
  request: FastifyRequest;
  /** Aborted when the client goes away or the request deadline passes (long polls stop early). */
  signal: AbortSignal;
  /** `http://host:port` the client used (or server.publicUrl): queue URLs are built on it. */
  origin: string;
}

export type Operation = (input: Record<string, unknown>, ctx: CallContext) => Promise<Record<string, unknown>>;

/** One AWS service on the JSON front door. */
export interface AwsService {
  /** The X-Amz-Target prefix: `AWSEvents`, `AmazonSQS`. */
  target: string;
  /** `1.1` (EventBridge) or `1.0` (SQS). */
  jsonVersion: '1.0' | '1.1';
  /** The SigV4 service name the credential must be scoped to. */
  signingName: string;
  /** How far a signature's time may be from the server's. */
  clockWindowMs: number;
  operations: Readonly<Record<string, Operation>>;
  /** This service's exception for a refused signature. */
  authError(failure: SigV4Failure | 'throttled' | 'internal', message: string): AwsError;
  /** Maps anything an operation threw (HashiErrors from the capabilities) to this service's exceptions. */
  toAwsError(err: unknown): AwsError;
}
