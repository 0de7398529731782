/**
 * Deterministic OpenAI logprobs: the `at`-th token of a choice has logprob
 * -(at+1)/100; its `top_logprobs` list the token itself first, then
 * alternatives ` alt1`, ` alt2`, … each one nat less likely.
 */
export interface TokenLogprob {
  token: string;
  logprob: number;
  bytes: number[];
  top_logprobs: { token: string; logprob: number; bytes: number[] }[];
}

const bytesOf = (token: string): number[] => Array.from(Buffer.from(token, 'utf8'));

export function tokenLogprob(token: string, at: number, top: number): TokenLogprob {
  const logprob = -(at + 1) / 100;
  const alternatives = [];
  for (let j = 0; j < top; j++) {
    const alt = j === 0 ? token : ` alt${j}`;
    alternatives.push({ token: alt, logprob: logprob - j, bytes: bytesOf(alt) });
  }
  return { token, logprob, bytes: bytesOf(token), top_logprobs: alternatives };
}

/** The `logprobs` object of a choice (JSON) or of one streamed text delta. */
export function logprobsOf(tokens: string[], top: number, offset = 0): { content: TokenLogprob[]; refusal: null } {
  return { content: tokens.map((t, i) => tokenLogprob(t, offset + i, top)), refusal: null };
}
