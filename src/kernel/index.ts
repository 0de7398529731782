export * from './errors.ts';
export * from './codes.ts';
export * from './clock.ts';
export * from './ids.ts';
export * from './hash.ts';
export * from './json-schema.ts';
export * from './caller-json.ts';
export * from './caller-text.ts';
