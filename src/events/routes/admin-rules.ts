import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../kernel/index.ts';
import { errorResponses, listOf, noContent } from '../../http/index.ts';
import type { EventBus } from '../event-bus.ts';
import type { RuleDefinition } from '../types.ts';
import { ruleInput, ruleSchema } from './schemas.ts';

const admin = { auth: 'admin' } as const;
const writeRule = { auth: 'admin', openapi: { body: ruleInput } } as const;
const busQuery = { type: 'object', properties: { bus: { type: 'string' } } } as const;
const ruleBody = { type: 'object', description: 'EventBridge PutRule + PutTargets: Name, EventBusName, EventPattern | ScheduleExpression, State, Targets.' } as const;

/** `/admin/events/rules`: list, read, create-or-replace (PutRule semantics) and delete rules. */
export function adminRuleRoutes(bus: EventBus) {
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: { bus?: string } }>(
      '/admin/events/rules',
      { config: admin, schema: { tags: ['admin'], summary: 'List event rules (optionally of one bus)', querystring: busQuery, response: { 200: listOf('Rules', ruleSchema) } } },
      async (request) => ({ Rules: await bus.listRules(request.query.bus) }),
    );
    app.get<{ Params: { name: string }; Querystring: { bus?: string } }>(
      '/admin/events/rules/:name',
      { config: admin, schema: { tags: ['admin'], summary: 'One event rule (bus from ?bus=, default "default")', querystring: busQuery, response: { 200: ruleSchema, ...errorResponses(404) } } },
      async (request) => bus.getRule(request.params.name, request.query.bus ?? 'default'),
    );
    app.post<{ Body: RuleDefinition }>(
      '/admin/events/rules',
      { config: writeRule, schema: { tags: ['admin'], summary: 'Create or replace an event rule; invalid patterns are refused naming the path', body: ruleBody, response: { 200: ruleSchema, ...errorResponses(400, 409) } } },
      async (request) => bus.putRule(request.body),
    );
    app.put<{ Params: { name: string }; Body: RuleDefinition }>(
      '/admin/events/rules/:name',
      { config: writeRule, schema: { tags: ['admin'], summary: 'Create or replace the named event rule', body: ruleBody, response: { 200: ruleSchema, ...errorResponses(400, 409) } } },
      async (request) => {
        const body = request.body ?? ({} as RuleDefinition);
        if (body.Name !== undefined && body.Name !== request.params.name) {
          throw new ValidationError('EVENT_RULE_INVALID', `Name: the body names ${String(body.Name)} but the path names ${request.params.name}`);
        }
        return bus.putRule({ ...body, Name: request.params.name });
      },
    );
    app.delete<{ Params: { name: string }; Querystring: { bus?: string } }>(
      '/admin/events/rules/:name',
      { config: admin, schema: { tags: ['admin'], summary: 'Delete an event rule (pending deliveries still run)', querystring: busQuery, response: { 204: noContent, ...errorResponses(404, 409) } } },
      async (request, reply) => {
        await bus.deleteRule(request.params.name, request.query.bus ?? 'default');
        return reply.code(204).send();
      },
    );
  };
}
