/**
 * OpenAI's `encoding_format: base64`: the vector's float32 values,
 * little-endian, base64-encoded (what its SDKs decode with a Float32Array on
 * a little-endian machine). DataView makes the byte order explicit.
 */
export function vectorToBase64(vector: readonly number[]): string {
  const view = new DataView(new ArrayBuffer(vector.length * 4));
  vector.forEach((x, i) => view.setFloat32(i * 4, x, true));
  return Buffer.from(view.buffer).toString('base64');
}

export function base64ToVector(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0) throw new RangeError('base64 embedding is not a whole number of float32 values');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Array<number>(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
