/** Refuses a missing API key, or a token passed where the API key belongs. */
export function assertApiKey(caller: string, apiKey: unknown): asserts apiKey is string {
  if (typeof apiKey !== 'string' || !apiKey.trim()) {
    throw new TypeError(
      `${caller}: apiKey is missing; pass your Basiq API key (e.g. process.env.BASIQ_API_KEY)`,
    );
  }
  if (/^(bearer|basic)\s/i.test(apiKey) || apiKey.split('.').length === 3) {
    throw new TypeError(
      `${caller}: apiKey looks like a token or a header, not an API key; pass the key itself from the Basiq dashboard`,
    );
  }
}
