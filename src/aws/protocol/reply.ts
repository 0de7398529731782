import type { FastifyReply, FastifyRequest } from 'fastify';
import { AwsError } from './aws-error.ts';

export const contentType = (version: '1.0' | '1.1') => `application/x-amz-json-${version}`;

/** A success: the operation's output as the JSON body, with the request id AWS clients log. */
export function sendAwsResult(request: FastifyRequest, reply: FastifyReply, version: '1.0' | '1.1', output: unknown): FastifyReply {
  return reply.code(200).header('x-amzn-requestid', String(request.id)).type(contentType(version)).send(JSON.stringify(output ?? {}));
}

/**
 * An error in the AWS JSON shape. SQS (query-compatible) also gets
 * `x-amzn-query-error: <code>;Sender|Receiver`, which the SDKs read to keep
 * the error codes of the older query protocol.
 */
export function sendAwsError(request: FastifyRequest, reply: FastifyReply, version: '1.0' | '1.1', err: AwsError, queryCompatible: boolean): FastifyReply {
  reply.code(err.status).header('x-amzn-requestid', String(request.id)).type(contentType(version));
  if (queryCompatible) reply.header('x-amzn-query-error', `${err.queryCode ?? err.type};${err.status >= 500 ? 'Receiver' : 'Sender'}`);
  const namespace = queryCompatible ? 'com.amazonaws.sqs#' : '';
  return reply.send(JSON.stringify({ __type: `${namespace}${err.type}`, message: err.message }));
}

/** Errors raised before a service is known (no or unknown X-Amz-Target). */
export const unknownOperation = (target: string) => new AwsError('UnknownOperationException', target ? `Unknown operation ${target}` : 'Missing X-Amz-Target header', 400);
