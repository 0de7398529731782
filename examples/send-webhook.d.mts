// Types for the tests that sign with examples/send-webhook.mjs (the script the demo runs).
// The samples are loosely typed JSON documents, read field by field in the tests.
/* eslint-disable @typescript-eslint/no-explicit-any */
export declare const DEMO_SECRETS: { stripe: string; reviews: string; catalog: string };
export declare function samplePayload(source: 'stripe' | 'reviews' | 'catalog', variant?: 'abusive'): Record<string, any>;
export declare function freshIds(source: 'stripe' | 'reviews' | 'catalog', payload: Record<string, any>, suffix?: string): Record<string, any>;
export declare function signDelivery(source: 'stripe' | 'reviews' | 'catalog', body: string, secret: string, timestamp: number): Promise<Record<string, string>>;
