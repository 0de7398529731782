/**
 * Lucene's English stop set (EnglishAnalyzer.ENGLISH_STOP_WORDS_SET), the list
 * Anserini's default analyzer uses for the published BEIR BM25 baselines; keeping
 * it identical makes our SciFact numbers comparable with theirs.
 */
export const ENGLISH_STOPWORDS: readonly string[] = Object.freeze([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it',
  'no', 'not', 'of', 'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they',
  'this', 'to', 'was', 'will', 'with',
]);
