export { loadConfig, type LoadOptions } from './load.ts';
export { maskSecrets } from './mask.ts';
export { readEnvironment, type Environment } from './environment.ts';
export { renderDefaultsYaml } from './defaults-yaml.ts';
export { configSchema } from './schema.ts';
export type { HashiConfig, CoreConfig, PlanConfig, JobTypeSettings, SourceConfig, AuthConfig, JwtAuthConfig, AwsConfig, SqsConfig } from './types.ts';
export type { CorsConfig, CorsPolicyConfig, IpRuleConfig, IpRulesConfig, RouteGroup, SecurityHeadersConfig, TrustProxyConfig } from './types.ts';
export { ROUTE_GROUPS } from './sections/edge.ts';
export { fmModelsSchema, fmPipelineParts, fmProviderSchema, fmRoutingSchema } from './sections/fm.ts';
