import { MAX_WRAPPED_DEPTH, ValidationError, jsonTooDeep } from '../../kernel/index.ts';
import type { ArrayPosition, FlatEvent, Leaf, Scalar } from './types.ts';

interface Walker {
  leaves: Map<string, Leaf[]>;
  nextArrayId: number;
  hasPositions: boolean;
}

function addLeaf(w: Walker, path: string, value: Scalar, positions: readonly ArrayPosition[] | null): void {
  const list = w.leaves.get(path);
  const leaf: Leaf = { value, positions };
  if (list === undefined) w.leaves.set(path, [leaf]);
  else list.push(leaf);
}

function walkValue(w: Walker, path: string, value: unknown, positions: readonly ArrayPosition[] | null, depth: number): void {
  // Inputs are depth-checked where they enter (PutEvents, webhooks, the CLI); this guard keeps
  // an event built in code from overflowing the stack here, with the same error.
  if (depth > MAX_WRAPPED_DEPTH) throw jsonTooDeep('the event', MAX_WRAPPED_DEPTH);
  if (Array.isArray(value)) {
    const arrayId = w.nextArrayId++;
    value.forEach((element, index) => {
      // Only elements that can hold several leaves need a position: a scalar
      // element is one leaf and can never conflict with another field.
      if (element !== null && typeof element === 'object') {
        w.hasPositions = true;
        walkValue(w, path, element, [...(positions ?? []), [arrayId, index]], depth + 1);
      } else {
        walkValue(w, path, element, positions, depth + 1);
      }
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      walkValue(w, path === '' ? key : `${path}.${key}`, child, positions, depth + 1);
    }
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) {
    addLeaf(w, path, value, positions);
  }
}

/**
 * Flattens any JSON value into dotted leaf paths (arrays are "crushed out", as
 * in event-ruler), remembering which array element each leaf came from.
 * Throws EVENT_INVALID when the event is not a JSON object.
 */
export function flattenEvent(event: unknown): FlatEvent {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    throw new ValidationError('EVENT_INVALID', 'Parameter Event is not valid: an event must be a JSON object');
  }
  const w: Walker = { leaves: new Map(), nextArrayId: 0, hasPositions: false };
  walkValue(w, '', event, null, 0);
  return { leaves: w.leaves, hasPositions: w.hasPositions };
}
