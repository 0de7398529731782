import type { TargetInfo } from '../dialects/types.ts';
import type { IrRequest, IrStreamEvent } from '../ir/types.ts';
import { offlineComplete, offlineCountTokens, offlineStream } from '../offline/index.ts';
import { fromAbort } from './classify.ts';
import { offlineEmbed } from './offline-embed.ts';
import type { LocalProvider } from './port.ts';

/** The built-in offline model (src/fm/offline) behind the local-provider port: IR in, IR out, nothing on the wire. */
export function createOfflineLocalProvider(options: { name?: string; supportsImages?: boolean } = {}): LocalProvider {
  const name = options.name ?? 'offline';
  const withDefaults = (ir: IrRequest, target: TargetInfo): IrRequest => (ir.maxTokens === undefined ? { ...ir, maxTokens: target.maxTokens } : ir);
  const check = (signal: AbortSignal | undefined) => {
    if (signal?.aborted) throw fromAbort(name, signal);
  };
  return {
    kind: 'local',
    name,
    type: 'offline',
    supportsImages: options.supportsImages ?? true,
    async complete(ir, target, signal) {
      check(signal);
      return offlineComplete(withDefaults(ir, target), target.modelId);
    },
    async *stream(ir, target, signal): AsyncGenerator<IrStreamEvent> {
      check(signal);
      for (const event of offlineStream(withDefaults(ir, target), target.modelId)) {
        check(signal);
        yield event;
      }
    },
    async embed(texts, signal) {
      check(signal);
      return texts.map(offlineEmbed);
    },
    countTokens: (ir) => offlineCountTokens(ir),
    async close() {},
  };
}
