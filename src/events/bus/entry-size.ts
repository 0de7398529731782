/** The size limit of one PutEvents entry (256 KB), as EventBridge counts it. */
export const MAX_ENTRY_BYTES = 256 * 1024;

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * An entry's size as EventBridge computes it ("Calculating PutEvents event
 * entry size", EventBridge user guide): 14 bytes for Time when given, plus the
 * UTF-8 bytes of Source, DetailType, Detail and each Resource. Other fields
 * (EventBusName) and the envelope added later do not count.
 */
export function entrySize(entry: { Source?: unknown; DetailType?: unknown; Detail?: unknown; Resources?: unknown; Time?: unknown }): number {
  let size = entry.Time !== undefined && entry.Time !== null ? 14 : 0;
  if (typeof entry.Source === 'string') size += utf8(entry.Source);
  if (typeof entry.DetailType === 'string') size += utf8(entry.DetailType);
  if (typeof entry.Detail === 'string') size += utf8(entry.Detail);
  else if (entry.Detail !== undefined && entry.Detail !== null) size += utf8(JSON.stringify(entry.Detail));
  if (Array.isArray(entry.Resources)) {
    for (const r of entry.Resources) if (typeof r === 'string') size += utf8(r);
  }
  return size;
}
