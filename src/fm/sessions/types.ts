import type { ChatMessage } from '../types.ts';

export interface ChatSession {
  id: string;
  tenant: string;
  messages: ChatMessage[];
  /** Completed turns (question + answer) so far, including trimmed ones. */
  turns: number;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
}

export interface SessionSettings {
  /** A session expires this long after its last turn. */
  ttlSeconds: number;
  /** History kept per session; older messages are dropped. */
  maxMessages: number;
}
