export type Handler<C, R> = (context: C) => Promise<R>;

/** A named step: `async function retry(ctx, next) {…}`. It may call `next` zero, one or several times. */
export type Middleware<C, R> = (context: C, next: Handler<C, R>) => Promise<R>;

export interface Composed<C, R> extends Middleware<C, R> {
  /** The steps' function names, outermost first — for logs, tests and `/health` output. */
  readonly names: readonly string[];
}

/**
 * Composes middlewares, outermost first, into one middleware (hono's compose,
 * minus its once-only `next` guard: a retry calls `next` again on purpose).
 */
export function compose<C, R>(...middlewares: Middleware<C, R>[]): Composed<C, R> {
  const run: Middleware<C, R> = (context, terminal) => {
    const dispatch = (i: number, ctx: C): Promise<R> => {
      const mw = middlewares[i];
      return mw ? mw(ctx, (next) => dispatch(i + 1, next)) : terminal(ctx);
    };
    return dispatch(0, context);
  };
  return Object.assign(run, { names: middlewares.map((m) => m.name || 'anonymous') });
}
