/**
 * The native API's message types (what apps, /v1/chat and the WebSocket
 * send). Wire dialects have their own; all of them meet in the IR
 * (ir/types.ts), which is where usage and stop reasons are defined.
 */
export type Role = 'user' | 'assistant';

export type ContentPart =
  | { type: 'text'; text: string }
  /** `data` is base64; `mediaType` e.g. image/png. */
  | { type: 'image'; mediaType: string; data: string };

export interface ChatMessage {
  role: Role;
  content: string | ContentPart[];
}

/** A retrieved passage an application hands the model to ground its answer. */
export interface ContextPassage {
  id: string;
  title?: string;
  text: string;
}

export type { IrUsage as Usage, StopReason } from './ir/types.ts';
