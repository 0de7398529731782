import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type CredentialSource = () => Promise<AwsCredentials>;

type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Data): Buffer =>
  typeof d === 'string' ? Buffer.from(d, 'utf8') : ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d);

/** SHA-256 / HMAC-SHA-256 over node:crypto, in the shape Smithy's signer takes (@smithy/hash-node is the same thing). */
class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: Data) {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.secret));
  }
  update(data: Data): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

export interface SignInput {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * AWS Signature Version 4 for one service and region, with Smithy's signer
 * (the AWS SDK's own). Returns the headers to send: the caller's plus
 * `authorization`, `x-amz-date` and, with temporary credentials,
 * `x-amz-security-token`.
 */
export function awsSigner(service: string, region: string, credentials: CredentialSource) {
  const signer = new SignatureV4({ service, region, credentials, sha256: NodeSha256, uriEscapePath: true, applyChecksum: false });
  return async function sign(input: SignInput): Promise<Record<string, string>> {
    const port = input.url.port === '' ? undefined : Number(input.url.port);
    const signed = await signer.sign({
      method: input.method,
      protocol: input.url.protocol,
      hostname: input.url.hostname,
      ...(port === undefined ? {} : { port }),
      path: input.url.pathname,
      query: {},
      headers: { ...input.headers, host: input.url.host },
      body: input.body,
    });
    return signed.headers;
  };
}

/** Static keys as a source; absent keys: the AWS SDK's default chain (env, profile, SSO, IMDS…), loaded only when first used. */
export function credentialSource(keys: AwsCredentials | undefined): CredentialSource {
  if (keys) {
    const fixed = Promise.resolve({ ...keys });
    return () => fixed;
  }
  let chain: Promise<() => Promise<AwsCredentials>> | undefined;
  return async () => {
    chain ??= import('@aws-sdk/credential-provider-node').then((m) => m.defaultProvider());
    return (await chain)();
  };
}
