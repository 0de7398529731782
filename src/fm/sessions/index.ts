export { SessionStore } from './repository.ts';
export { storable, trimHistory } from './history.ts';
export type { ChatSession, SessionSettings } from './types.ts';
