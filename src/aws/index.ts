import type { EventBus } from '../events/index.ts';
import type { PlanGate } from '../http/index.ts';
import type { Sqs } from '../sqs/index.ts';
import type { AwsAuthenticator } from './auth/authenticate.ts';
import { eventBridgeService } from './eventbridge/index.ts';
import { awsFrontDoor } from './protocol/route.ts';
import { sqsService } from './sqs/index.ts';

export { awsAuthenticator, type AwsAuthenticator, type AwsAuthDeps } from './auth/authenticate.ts';
export { AwsError } from './protocol/aws-error.ts';
export type { AwsService, Caller } from './protocol/service.ts';
export { verifySigV4, type SigV4Result } from './sigv4/index.ts';

export interface AwsRoutesDeps {
  events: EventBus;
  sqs: Sqs;
  auth: AwsAuthenticator;
  planGate: PlanGate;
  publicUrl: string;
}

/** The AWS front door (EventBridge and SQS on POST /), as one plugin for the HTTP edge. */
export function awsRoutes(deps: AwsRoutesDeps) {
  return awsFrontDoor({ services: [eventBridgeService(deps.events), sqsService(deps.sqs)], auth: deps.auth, planGate: deps.planGate, publicUrl: deps.publicUrl });
}
