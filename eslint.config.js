// Lint rules, including the import arrows of ../shared/STYLE.md:
//  - a capability is entered only through its index.ts (no deep imports);
//  - lower layers never import higher ones; apps never import each other;
//  - database, cache and provider drivers are imported only by their adapters;
//  - process.env is read only in src/config/.
import tseslint from 'typescript-eslint';

// Each folder may import the folders listed for it (plus itself). Anything not
// listed is a higher layer or a peer it must reach by registration instead.
const LAYERS = {
  kernel: [],
  config: ['kernel'],
  observability: ['kernel'],
  store: ['kernel', 'config', 'observability'],
  cache: ['kernel', 'config', 'observability'],
  queue: ['kernel', 'config', 'observability', 'store', 'cache'],
  keys: ['kernel', 'config', 'observability', 'store', 'cache'],
  search: ['kernel', 'config', 'observability', 'store', 'cache', 'queue'],
  fm: ['kernel', 'config', 'observability', 'store', 'cache', 'queue', 'keys'],
  events: ['kernel', 'config', 'observability', 'store', 'cache', 'queue', 'keys', 'http'],
  http: ['kernel', 'config', 'observability', 'store', 'cache', 'queue', 'keys'],
  webhooks: ['kernel', 'config', 'observability', 'store', 'cache', 'queue', 'keys', 'http', 'events'],
  sqs: ['kernel', 'config', 'observability', 'store', 'cache', 'queue'],
  aws: ['kernel', 'config', 'observability', 'store', 'cache', 'queue', 'keys', 'http', 'events', 'sqs'],
  apps: ['kernel', 'config', 'observability', 'store', 'cache', 'queue', 'keys', 'http', 'events', 'webhooks', 'fm', 'search'],
  cli: ['kernel', 'config', 'observability', 'store', 'cache', 'queue', 'keys', 'http', 'events', 'webhooks', 'fm', 'search', 'apps', 'sqs', 'aws', 'main'],
};
const ALL = Object.keys(LAYERS);
// The provider SDKs are test clients and references only: the FM path speaks each wire itself
// (Smithy's SigV4 signer and eventstream codec and the AWS credential chain, in fm/transport/).
const DRIVERS = [
  'better-sqlite3',
  'pg',
  'ioredis',
  '@aws-sdk/client-bedrock-runtime',
  '@anthropic-ai/sdk',
  'openai',
  '@smithy/signature-v4',
  '@smithy/eventstream-codec',
  '@aws-sdk/credential-provider-node',
  // The EventBridge and SQS clients prove the AWS front door in tests; Hashi itself never calls them.
  '@aws-sdk/client-eventbridge',
  '@aws-sdk/client-sqs',
];
const ADAPTERS = ['src/store/sqlite.ts', 'src/store/postgres.ts', 'src/cache/redis.ts', 'src/fm/providers/**', 'src/fm/transport/**'];

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// The only other entry points besides index.ts, for importers that must not load the whole
// capability: the CLI's offline sandbox commands need the pure pattern/transform/schedule code,
// not the bus, store and fastify that events/index.ts brings. LAYERS still applies to them.
const LIGHT_ENTRIES = ['events/sandbox.ts'];

function rulesFor(layer, depth) {
  // depth 1: src/<layer>/file.ts → other folders are at '../X/'
  const up = '\\.\\./'.repeat(depth);
  const forbidden = ALL.filter((l) => l !== layer && !LAYERS[layer].includes(l));
  const patterns = [
    {
      regex: `^${up}(?!(${LIGHT_ENTRIES.map(esc).join('|')})$)(${ALL.filter((l) => l !== layer).map(esc).join('|')})/(?!index\\.ts$).+`,
      message: "Import another capability only through its index.ts.",
    },
  ];
  if (forbidden.length) {
    patterns.push({ regex: `^${up}(${forbidden.map(esc).join('|')})/`, message: `${layer}/ may not import this layer (see LAYERS in eslint.config.js).` });
  }
  patterns.push({ regex: `^${up}main\\.ts$`, message: 'Only the CLI imports the composition root.' });
  return patterns;
}

const layerBlocks = [];
for (const layer of ALL) {
  for (let depth = 1; depth <= 4; depth++) {
    const glob = `src/${layer}/${'*/'.repeat(depth - 1)}*.ts`;
    const patterns = rulesFor(layer, depth);
    if (layer === 'cli') patterns.pop();
    layerBlocks.push({
      files: [glob],
      ignores: ['**/*.test.ts', '**/contract.ts'],
      rules: {
        'no-restricted-imports': ['error', { paths: DRIVERS.map((name) => ({ name, message: 'Drivers and SDKs are imported only by adapter files.' })), patterns }],
      },
    });
  }
}
// Apps never import each other.
layerBlocks.push(
  { files: ['src/apps/manga/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)support/', message: 'Apps never import each other.' }] }] } },
  { files: ['src/apps/support/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)manga/', message: 'Apps never import each other.' }] }] } },
  { files: ADAPTERS, rules: { 'no-restricted-imports': 'off' } },
);

export default tseslint.config(
  { ignores: ['node_modules/**', '.hashi-data/**', 'dist/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read the environment only in src/config/ (readEnvironment).' },
      ],
    },
  },
  { files: ['src/config/**/*.ts'], rules: { 'no-restricted-syntax': 'off' } },
  // Tests may poke at loosely typed wire payloads.
  { files: ['**/*.test.ts', 'test/**/*.ts', '**/contract.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  ...layerBlocks,
);
