/** Bounds and names of the six EventBridge cron fields. */
export interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

export const MINUTES: FieldSpec = { name: 'Minutes', min: 0, max: 59 };
export const HOURS: FieldSpec = { name: 'Hours', min: 0, max: 23 };
export const DAY_OF_MONTH: FieldSpec = { name: 'Day-of-month', min: 1, max: 31 };
export const MONTH: FieldSpec = {
  name: 'Month', min: 1, max: 12,
  names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
};
export const DAY_OF_WEEK: FieldSpec = { name: 'Day-of-week', min: 1, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] };
export const YEAR: FieldSpec = { name: 'Year', min: 1970, max: 2199 };

export class FieldError extends Error {}

/** A number or (for Month and Day-of-week) a three-letter name, case-insensitive. */
export function parseValue(spec: FieldSpec, text: string): number {
  let n: number;
  if (/^[0-9]+$/.test(text)) n = Number(text);
  else {
    const index = spec.names?.indexOf(text.toUpperCase()) ?? -1;
    if (index < 0) throw new FieldError(`${spec.name}: "${text}" is not a number${spec.names ? ' or a name' : ''}`);
    n = spec.min + index;
  }
  if (n < spec.min || n > spec.max) throw new FieldError(`${spec.name}: ${n} is outside ${spec.min}-${spec.max}`);
  return n;
}

/** min..max inclusive; a start after the end wraps around (Hours 20-2 is 20…23,0…2). */
function span(spec: FieldSpec, from: number, to: number): number[] {
  const out: number[] = [];
  for (let v = from; ; v = v === spec.max ? spec.min : v + 1) {
    out.push(v);
    if (v === to) return out;
  }
}

function parseItem(spec: FieldSpec, item: string): number[] {
  const [base = '', stepText, extra] = item.split('/');
  if (extra !== undefined) throw new FieldError(`${spec.name}: "${item}" has more than one /`);
  let values: number[];
  let open = false;
  if (base === '*') {
    values = span(spec, spec.min, spec.max);
  } else if (base.includes('-')) {
    const [a = '', b = '', more] = base.split('-');
    if (more !== undefined || a === '' || b === '') throw new FieldError(`${spec.name}: "${base}" is not a range`);
    values = span(spec, parseValue(spec, a), parseValue(spec, b));
  } else {
    const start = parseValue(spec, base);
    // "1/10" starts at 1 and steps to the end of the field.
    open = stepText !== undefined;
    values = open ? span(spec, start, spec.max) : [start];
  }
  if (stepText === undefined) return values;
  if (!/^[0-9]+$/.test(stepText) || Number(stepText) < 1) {
    throw new FieldError(`${spec.name}: increment "${stepText}" must be a positive whole number`);
  }
  const step = Number(stepText);
  return values.filter((_, i) => i % step === 0);
}

/** Parses a list field made of `*`, values, ranges and increments joined by commas. */
export function parseList(spec: FieldSpec, text: string): Set<number> {
  if (text === '') throw new FieldError(`${spec.name}: empty field`);
  const out = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') throw new FieldError(`${spec.name}: empty item in "${text}"`);
    for (const v of parseItem(spec, item)) out.add(v);
  }
  return out;
}
