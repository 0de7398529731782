import type { CoreConfig } from './sections/core.ts';
import type { WebhooksConfig } from './sections/webhooks.ts';
import type { AwsConfig, SqsConfig } from './sections/aws.ts';

export type { AwsConfig, SqsConfig } from './sections/aws.ts';
export type { CoreConfig, PlanConfig, JobTypeSettings, AuthConfig, JwtAuthConfig } from './sections/core.ts';
export type { CorsConfig, CorsPolicyConfig, IpRuleConfig, IpRulesConfig, RouteGroup, SecurityHeadersConfig, TrustProxyConfig } from './sections/edge.ts';

export interface SourceConfig {
  scheme: 'stripe' | 'standard-webhooks' | 'github' | 'shopify' | 'slack' | 'hmac';
  secrets: string[];
  tolerance: number;
  [option: string]: unknown;
}

/** The validated, frozen configuration every capability receives. */
export interface HashiConfig extends CoreConfig {
  dataDir: string;
  /** Absolute path of the file it came from ('' when none). */
  configFile: string;
  stage: string;
  events: Record<string, unknown>;
  aws: AwsConfig;
  sqs: SqsConfig;
  sources: Record<string, SourceConfig>;
  subscriptions: Record<string, unknown>[];
  webhooks: WebhooksConfig;
  fm: Record<string, unknown>;
  search: Record<string, unknown>;
  support: Record<string, unknown>;
  manga: Record<string, unknown>;
  stages: Record<string, unknown>;
}
