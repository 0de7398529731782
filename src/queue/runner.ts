import type { Logger } from '../observability/index.ts';
import type { JobTypeSettings } from '../config/index.ts';
import type { BatchHandler, HandlerContext, JobHandler } from './types.ts';

export type Registration =
  | { kind: 'single'; type: string; handler: JobHandler; settings: JobTypeSettings }
  | { kind: 'batch'; type: string; handler: BatchHandler; settings: JobTypeSettings };

/**
 * Keeps up to `concurrency` jobs of one type running: claims more whenever a
 * slot frees, a local enqueue notifies, or the poll timer fires.
 */
export class TypeRunner {
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private pumping = false;
  private again = false;
  private running = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    readonly reg: Registration,
    /** Claims up to `limit` jobs and starts them; one promise per unit of concurrency (a job, or a whole batch). */
    private readonly claimAndRun: (reg: Registration, limit: number, ctx: HandlerContext) => Promise<Array<Promise<void>>>,
    private readonly pollIntervalMs: number,
    private readonly ctx: HandlerContext,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.running = true;
    this.pump();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  get busy(): number {
    return this.inFlight;
  }

  /** Resolves when nothing of this type is running. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  pump(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    void this.fill().finally(() => {
      this.pumping = false;
      if (this.again) {
        this.again = false;
        this.pump();
      }
    });
  }

  private async fill(): Promise<void> {
    const slots = this.reg.settings.concurrency - this.inFlight;
    if (slots <= 0) return;
    const limit = this.reg.kind === 'batch' ? this.reg.settings.batchSize : slots;
    try {
      const units = await this.claimAndRun(this.reg, limit, this.ctx);
      if (units.length === 0) return this.schedule();
      for (const unit of units) {
        this.inFlight++;
        void unit.finally(() => {
          this.inFlight--;
          if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((r) => r());
          this.pump();
        });
      }
      this.again = true;
    } catch (err) {
      this.logger.error({ err, type: this.reg.type }, 'queue claim failed; will retry');
      this.schedule();
    }
  }

  private schedule(): void {
    if (!this.running || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, this.pollIntervalMs);
    this.timer.unref();
  }
}
