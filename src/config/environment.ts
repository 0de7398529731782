/**
 * The only reader of `process.env`. Everything else receives values from here
 * or from the validated configuration.
 */
export interface Environment {
  /** The whole environment, for `${VAR}` interpolation in hashi.yaml. */
  vars: Readonly<Record<string, string | undefined>>;
  configFile?: string;
  port?: number;
  dataDir?: string;
  stage?: string;
  storeUrl?: string;
  /** Test backends (set by .ci/run). */
  testPgUrl?: string;
  testRedisUrl?: string;
  /** BEIR SciFact for the search-quality guard and benchmark (default: ../shared/data/scifact beside the repo). */
  testScifactDir?: string;
  /** A Chromium executable for the browser tests of the HTML pages (default: one found on the usual paths). */
  testChromium?: string;
  ci: boolean;
}

export function readEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const nonEmpty = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);
  const port = nonEmpty(source.HASHI_PORT);
  return {
    vars: { ...source },
    configFile: nonEmpty(source.HASHI_CONFIG),
    port: port === undefined ? undefined : Number(port),
    dataDir: nonEmpty(source.HASHI_DATA_DIR),
    stage: nonEmpty(source.HASHI_STAGE),
    storeUrl: nonEmpty(source.HASHI_STORE_URL),
    testPgUrl: nonEmpty(source.HASHI_TEST_PG_URL),
    testRedisUrl: nonEmpty(source.HASHI_TEST_REDIS_URL),
    testScifactDir: nonEmpty(source.HASHI_TEST_SCIFACT_DIR),
    testChromium: nonEmpty(source.HASHI_TEST_CHROMIUM),
    ci: nonEmpty(source.CI) !== undefined && source.CI !== 'false',
  };
}
