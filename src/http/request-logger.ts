import type { FastifyBaseLogger } from 'fastify';

type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildOptions = NonNullable<Parameters<FastifyBaseLogger['child']>[1]>;
type LevelName = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type Log = (...args: unknown[]) => void;

// pino's standard level values; a level name not listed here (a custom level)
// makes the logger build its child at once, to be safe.
const LEVEL_VALUES: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

/**
 * `request.log` that makes its pino child (the request-id binding) on the first
 * line actually written. pino's child() serializes and redacts the bindings and
 * rebuilds the level methods, which a request logging nothing at the
 * configured level (every ordinary request at `warn`) would pay for nothing.
 * Lines written are the same as the eager child's.
 */
class DeferredChildLogger {
  private made: FastifyBaseLogger | undefined;
  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
  ) {}

  get level(): string {
    return (this.made ?? this.parent).level;
  }

  set level(level: string) {
    this.logger().level = level;
  }

  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.logger().child(bindings, options);
  }

  fatal(...args: unknown[]): void {
    if (this.writes('fatal')) (this.logger().fatal as Log)(...args);
  }

  error(...args: unknown[]): void {
    if (this.writes('error')) (this.logger().error as Log)(...args);
  }

  warn(...args: unknown[]): void {
    if (this.writes('warn')) (this.logger().warn as Log)(...args);
  }

  info(...args: unknown[]): void {
    if (this.writes('info')) (this.logger().info as Log)(...args);
  }

  debug(...args: unknown[]): void {
    if (this.writes('debug')) (this.logger().debug as Log)(...args);
  }

  trace(...args: unknown[]): void {
    if (this.writes('trace')) (this.logger().trace as Log)(...args);
  }

  silent(): void {}

  private writes(level: LevelName): boolean {
    if (this.made) return true;
    const threshold = LEVEL_VALUES[this.parent.level];
    return threshold === undefined || LEVEL_VALUES[level]! >= threshold;
  }

  private logger(): FastifyBaseLogger {
    return (this.made ??= this.parent.child(this.bindings));
  }
}

/** Fastify's `childLoggerFactory`: deferred unless the route sets its own log level or serializers. */
export function requestLoggerFactory(logger: FastifyBaseLogger, bindings: Bindings, options: ChildOptions): FastifyBaseLogger {
  for (const _ in options) return logger.child(bindings, options);
  return new DeferredChildLogger(logger, bindings) as unknown as FastifyBaseLogger;
}
