import { adminSchema, authSchema, cacheSchema, logSchema, plansSchema, queueSchema, serverSchema, storeSchema } from './sections/core.ts';
import {
  eventsSchema,
  fmSchema,
  mangaSchema,
  searchSchema,
  sourcesSchema,
  subscriptionsSchema,
  webhooksSchema,
  supportSchema,
} from './sections/apps.ts';
import { awsSchema, sqsSchema } from './sections/aws.ts';

/** The one JSON Schema of hashi.yaml; `schema/hashi.schema.json` is generated from it. */
export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://hashi.dev/schema/hashi.schema.json',
  title: 'hashi.yaml',
  type: 'object',
  additionalProperties: false,
  properties: {
    dataDir: { type: 'string', default: '.hashi-data', description: 'Folder for the SQLite store, mailbox and other local files (relative to the working directory).' },
    server: serverSchema,
    store: storeSchema,
    cache: cacheSchema,
    log: logSchema,
    admin: adminSchema,
    auth: authSchema,
    plans: plansSchema,
    queue: queueSchema,
    events: eventsSchema,
    aws: awsSchema,
    sqs: sqsSchema,
    sources: sourcesSchema,
    subscriptions: subscriptionsSchema,
    webhooks: webhooksSchema,
    fm: fmSchema,
    search: searchSchema,
    support: supportSchema,
    manga: mangaSchema,
    stages: {
      type: 'object',
      default: {},
      description: 'Overrides per stage (--stage NAME), deep-merged over the rest of the file.',
      additionalProperties: { type: 'object' },
    },
  },
} as const;
