import type { StoredArchive } from '../../events/index.ts';
import { epochSeconds, int, page, str } from '../protocol/input.ts';
import type { EbCall, EbOperation } from './context.ts';

function describe(a: StoredArchive, call: EbCall, full: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ArchiveName: call.names.local(a.ArchiveName),
    EventSourceArn: call.names.busArn(a.EventBusName),
    State: 'ENABLED',
    RetentionDays: a.RetentionDays,
    EventCount: a.EventCount,
    SizeBytes: 0,
    CreationTime: epochSeconds(a.CreatedAt),
  };
  if (full) {
    out.ArchiveArn = call.names.archiveArn(a.ArchiveName);
    if (a.Description !== undefined) out.Description = a.Description;
    if (a.EventPattern !== undefined) out.EventPattern = JSON.stringify(a.EventPattern);
  }
  return out;
}

const archiveName = (input: Record<string, unknown>, call: EbCall) => call.names.named(str(input, 'ArchiveName', { required: true, max: 48 }));

export const archiveOperations: Record<string, EbOperation> = {
  async CreateArchive(input, call) {
    const name = archiveName(input, call);
    const bus = call.names.busOfArn(str(input, 'EventSourceArn', { required: true, max: 1600 }), 'EventSourceArn');
    const pattern = str(input, 'EventPattern', { max: 4096 });
    const description = str(input, 'Description', { max: 512 });
    const retention = int(input, 'RetentionDays', 0, 2_147_483_647);
    const a = await call.bus.createArchive({
      ArchiveName: name,
      EventBusName: bus,
      ...(pattern !== undefined ? { EventPattern: pattern } : {}),
      ...(description !== undefined ? { Description: description } : {}),
      // EventBridge keeps events indefinitely when RetentionDays is not given.
      RetentionDays: retention ?? 0,
    });
    return { ArchiveArn: call.names.archiveArn(a.ArchiveName), State: 'ENABLED', CreationTime: epochSeconds(a.CreatedAt) };
  },

  async DescribeArchive(input, call) {
    return describe(await call.bus.getArchive(archiveName(input, call)), call, true);
  },

  async UpdateArchive(input, call) {
    const pattern = str(input, 'EventPattern', { max: 4096 });
    const description = str(input, 'Description', { max: 512 });
    const retention = int(input, 'RetentionDays', 0, 2_147_483_647);
    const a = await call.bus.updateArchive(archiveName(input, call), {
      ...(pattern !== undefined ? { EventPattern: pattern } : {}),
      ...(description !== undefined ? { Description: description } : {}),
      ...(retention !== undefined ? { RetentionDays: retention } : {}),
    });
    return { ArchiveArn: call.names.archiveArn(a.ArchiveName), State: 'ENABLED', CreationTime: epochSeconds(a.CreatedAt) };
  },

  async DeleteArchive(input, call) {
    await call.bus.deleteArchive(archiveName(input, call));
    return {};
  },

  async ListArchives(input, call) {
    const prefix = str(input, 'NamePrefix', { max: 48 }) ?? '';
    const source = str(input, 'EventSourceArn', { max: 1600 });
    const bus = source === undefined ? undefined : call.names.busOfArn(source, 'EventSourceArn');
    const mine = (await call.bus.listArchives()).filter((a) => call.names.owns(a.ArchiveName) && call.names.local(a.ArchiveName).startsWith(prefix) && (bus === undefined || a.EventBusName === bus));
    const { items, nextToken } = page(mine, int(input, 'Limit', 1, 100), str(input, 'NextToken'));
    return { Archives: items.map((a) => describe(a, call, false)), ...(nextToken ? { NextToken: nextToken } : {}) };
  },
};
