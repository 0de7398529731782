import { describe, expect, it } from 'vitest';
import { abortRacer, linkAbort, raceAbort } from './signals.ts';

describe('signals', () => {
  it('linkAbort follows the parent with its reason, and stops following once disposed', () => {
    const parent = new AbortController();
    const followed = linkAbort(parent.signal);
    const disposed = linkAbort(parent.signal);
    disposed.dispose();

    parent.abort(new Error('stop'));

    expect(followed.signal.reason).toEqual(new Error('stop'));
    expect(disposed.signal.aborted).toBe(false);
  });

  it('raceAbort rejects with the abort reason even if the work never settles', async () => {
    const controller = new AbortController();
    const raced = raceAbort(new Promise<never>(() => undefined), controller.signal);

    controller.abort(new Error('timeout'));

    await expect(raced).rejects.toThrow('timeout');
  });

  it('raceAbort hands a value that arrives after the race was lost to the orphan handler', async () => {
    const controller = new AbortController();
    let deliver!: (v: string) => void;
    const orphans: string[] = [];
    const raced = raceAbort(new Promise<string>((r) => (deliver = r)), controller.signal, (v) => void orphans.push(v));

    controller.abort(new Error('gone'));
    deliver('late stream');
    await expect(raced).rejects.toThrow('gone');
    await Promise.resolve();

    expect(orphans).toEqual(['late stream']);
  });
});

describe('abortRacer', () => {
  it('races many pulls on one listener: values pass, the abort rejects the pending pull with its reason', async () => {
    const controller = new AbortController();
    const racer = abortRacer(controller.signal);

    await expect(racer.race(Promise.resolve(1))).resolves.toBe(1);
    await expect(racer.race(Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const hung = racer.race(new Promise<number>(() => undefined));
    controller.abort(new Error('deadline'));

    await expect(hung).rejects.toThrow('deadline');
    await expect(racer.race(Promise.resolve(2))).rejects.toThrow('deadline');
    racer.dispose();
  });

  it('after dispose an abort no longer cuts a pending pull short', async () => {
    const controller = new AbortController();
    const racer = abortRacer(controller.signal);
    let release!: (v: number) => void;
    const pending = racer.race(new Promise<number>((r) => (release = r)));
    racer.dispose();
    controller.abort();
    release(4);
    await expect(pending).resolves.toBe(4);
  });
});
