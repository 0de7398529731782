import { describe, expect, it } from 'vitest';
import { md5OfAttributes } from './md5.ts';

// Digests SQS returned for these attributes, as other SQS implementations record
// them in their tests (LocalStack's test_sqs_message_attrs_md5; sqslite's
// Test_md5OfMessageAttributes; the SellerName example). The SDK only checks the
// body's MD5, so these are what keeps MD5OfMessageAttributes honest.
describe('MD5OfMessageAttributes', () => {
  it.each([
    [{ timestamp: { DataType: 'Number', StringValue: '1493147359900' } }, '235c5c510d26fb653d073faed50ae77c'],
    [{ ordinal: { DataType: 'Number', StringValue: '1' }, category: { DataType: 'String', StringValue: 'test' } }, 'd21ae90c49061e927f57df5f5d72be1f'],
    [{ SellerName: { DataType: 'String', StringValue: 'Example Store' } }, 'cd28f3b68aeee4b2eac9c66f2f694b58'],
  ])('%j → %s', (attributes, digest) => {
    expect(md5OfAttributes(attributes)).toBe(digest);
  });

  it('is absent without attributes, and covers binary values as bytes', () => {
    expect(md5OfAttributes({})).toBeUndefined();
    const a = md5OfAttributes({ b: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3]).toString('base64') } });
    const b = md5OfAttributes({ b: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 4]).toString('base64') } });
    expect(a).not.toBe(b);
  });
});
