import type { Metrics } from '../../observability/index.ts';

type Inc<L extends string> = (labels: Record<L, string>, value?: number) => void;

/** The bus's counters on the shared registry. */
export interface BusMetrics {
  put: Inc<'bus'>;
  failed: Inc<'code'>;
  loopRefused: Inc<'bus'>;
  schemaViolations: Inc<'enforced'>;
  deliveries: Inc<'kind' | 'outcome'>;
  scheduleFires: Inc<'rule'>;
  skippedTicks: Inc<'rule'>;
}

export function busMetrics(metrics: Metrics | undefined): BusMetrics {
  const counter = <L extends string>(name: string, help: string, labels: L[]): Inc<L> => {
    if (!metrics) return () => undefined;
    const c = metrics.counter(name, help, labels);
    return (l, v = 1) => c.inc(l, v);
  };
  return {
    put: counter('hashi_events_put_total', 'Events accepted by PutEvents, by bus', ['bus']),
    failed: counter('hashi_events_failed_total', 'PutEvents entries refused, by error code', ['code']),
    loopRefused: counter('hashi_events_loop_refused_total', 'Entries refused by the loop guard (past events.maxChainDepth), by bus', ['bus']),
    schemaViolations: counter('hashi_events_schema_violations_total', 'Entries whose detail violated a registered schema, by whether it was enforced', ['enforced']),
    deliveries: counter('hashi_events_deliveries_total', 'Target delivery attempts, by target kind and outcome', ['kind', 'outcome']),
    scheduleFires: counter('hashi_events_schedule_fires_total', 'Scheduled rule ticks fired by this replica', ['rule']),
    skippedTicks: counter('hashi_events_schedule_skipped_ticks_total', 'Missed schedule ticks skipped after downtime (only the latest fires)', ['rule']),
  };
}
