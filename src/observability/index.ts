export { createLogger, silentLogger, type Logger, type LoggerSettings } from './logger.ts';
export { Observer, type HashiEventMap } from './events.ts';
export { createMetrics, type Metrics } from './metrics.ts';
export { startMemoryGovernor, type MemoryGovernorSettings } from './memory-governor.ts';
