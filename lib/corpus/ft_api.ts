/**
 * A client of the France Travail "Offres d'emploi v2" API: an OAuth2
 * client-credentials token (renewed a minute before it expires, or at once
 * on a 401), and search pages as the API defines them — `range=a-b` (at
 * most 150 records a request; the API serves only the first 1,150 results
 * of a search), the total read from `Content-Range: offres a-b/total`,
 * 206 for a partial page, 200 for the last, 204 for none. Requests are
 * spaced (a few a second), a 429 waits its `Retry-After`, a 5xx, a network
 * error or a response slower than the timeout is tried again with
 * exponential backoff, a bounded number of times.
 *
 * @example
 * ```ts
 * import { FtApi } from "./ft_api.ts";
 * const api = new FtApi({ clientId: Deno.env.get("FT_CLIENT_ID")!, clientSecret: Deno.env.get("FT_CLIENT_SECRET")! });
 * const page = await api.searchPage({ minCreationDate: "2025-01-01T00:00:00Z", maxCreationDate: "2025-01-31T23:59:59Z", departement: "07" }, 0);
 * page.total; page.records.length; // at most 150
 * ```
 */

/** The API's public endpoints (overridable with FT_TOKEN_URL and FT_API_URL). */
export const FT_TOKEN_URL =
  "https://entreprise.francetravail.fr/connexion/oauth2/access_token?realm=%2Fpartenaire";
export const FT_API_URL = "https://api.francetravail.io/partenaire/offresdemploi/v2";
/** Records per request, and the last result index the API serves for one search (0-based). */
export const FT_PAGE = 150;
export const FT_MAX_RESULTS = 1150;

/** One search: a creation-date window (ISO, both ends included) and optional filters. */
export interface FtQuery {
  minCreationDate: string;
  maxCreationDate: string;
  departement?: string;
  codeROME?: string;
}

/** Options of {@link FtApi}. */
export interface FtApiOptions {
  clientId: string;
  clientSecret: string;
  /** @default FT_TOKEN_URL */
  tokenUrl?: string;
  /** The API's base, under which /offres/search is called. @default FT_API_URL */
  apiUrl?: string;
  /** @default "api_offresdemploiv2 o2dsoffre" */
  scope?: string;
  /** Requests a second at most. @default 3 */
  requestsPerSecond?: number;
  /** Time a response may take. @default 30000 */
  timeoutMs?: number;
  /** Tries of one request (429s aside, which wait and do not count). @default 5 */
  maxTries?: number;
  /** First backoff after a failure, doubled each time. @default 1000 */
  backoffMs?: number;
  /** The fetch used (tests break requests through it). @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** What the client did, for the collection's summary. */
export interface FtApiCounts {
  requests: number;
  retries: number;
  tokens: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A failure of the API the client will not try again (a 4xx other than 401 and 429, or too many tries). */
export class FtApiError extends Error {}

/** The client; see the module doc. */
export class FtApi {
  readonly counts: FtApiCounts = { requests: 0, retries: 0, tokens: 0 };
  readonly #o: Required<Omit<FtApiOptions, "fetch">> & { fetch: typeof fetch };
  #token: { value: string; expires: number } | null = null;
  #nextRequestAt = 0;

  constructor(options: FtApiOptions) {
    if (!options.clientId || !options.clientSecret) {
      throw new FtApiError(
        "France Travail credentials missing: set FT_CLIENT_ID and FT_CLIENT_SECRET (register an application at francetravail.io)",
      );
    }
    this.#o = {
      tokenUrl: FT_TOKEN_URL,
      apiUrl: FT_API_URL,
      scope: "api_offresdemploiv2 o2dsoffre",
      requestsPerSecond: 3,
      timeoutMs: 30_000,
      maxTries: 5,
      backoffMs: 1000,
      ...options,
      fetch: options.fetch ?? globalThis.fetch,
    };
  }

  /** A valid access token: the cached one, or a new one a minute before it expires. */
  async token(): Promise<string> {
    if (this.#token && Date.now() < this.#token.expires - 60_000) return this.#token.value;
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: this.#o.clientId,
      client_secret: this.#o.clientSecret,
      scope: this.#o.scope,
    });
    const response = await this.#send(() =>
      new Request(this.#o.tokenUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      })
    );
    const json = await response.json().catch(() => null) as
      | { access_token?: string; expires_in?: number }
      | null;
    if (!json?.access_token) {
      throw new FtApiError(
        `${this.#o.tokenUrl}: no access_token in the answer (status ${response.status}${
          response.status === 401 || response.status === 400
            ? ": check FT_CLIENT_ID and FT_CLIENT_SECRET"
            : ""
        })`,
      );
    }
    this.counts.tokens++;
    this.#token = { value: json.access_token, expires: Date.now() + 1000 * Number(json.expires_in ?? 1499) };
    return json.access_token;
  }

  /**
   * One page of a search from result `start` (0-based): its records and the
   * search's total. The API serves results up to index FT_MAX_RESULTS - 1.
   */
  async searchPage(query: FtQuery, start: number): Promise<{ records: unknown[]; total: number }> {
    if (start >= FT_MAX_RESULTS) {
      throw new FtApiError(`result ${start} is past the ${FT_MAX_RESULTS} the API serves for one search`);
    }
    const end = Math.min(start + FT_PAGE, FT_MAX_RESULTS) - 1;
    const params = new URLSearchParams({
      range: `${start}-${end}`,
      minCreationDate: query.minCreationDate,
      maxCreationDate: query.maxCreationDate,
      sort: "1",
    });
    if (query.departement) params.set("departement", query.departement);
    if (query.codeROME) params.set("codeROME", query.codeROME);
    const url = `${this.#o.apiUrl.replace(/\/$/, "")}/offres/search?${params}`;
    for (let renewed = false;;) {
      const token = await this.token();
      const response = await this.#send(() =>
        new Request(url, { headers: { authorization: `Bearer ${token}`, accept: "application/json" } })
      );
      if (response.status === 401 && !renewed) { // the token was revoked or expired early: one new token, then the same request
        await response.body?.cancel();
        this.#token = null;
        renewed = true;
        continue;
      }
      if (response.status === 204) return { records: [], total: 0 };
      if (response.status !== 200 && response.status !== 206) {
        throw new FtApiError(`${url}: status ${response.status}: ${(await response.text()).slice(0, 300)}`);
      }
      const json = await response.json().catch(() => null) as { resultats?: unknown } | null;
      if (!json || !Array.isArray(json.resultats)) {
        throw new FtApiError(`${url}: the answer holds no "resultats" array`);
      }
      const range = /\/\s*(\d+)\s*$/.exec(response.headers.get("content-range") ?? "");
      const total = range ? Number(range[1]) : start + json.resultats.length;
      return { records: json.resultats, total };
    }
  }

  /** Sends a request, spaced, timed out, tried again on 429 (after Retry-After), 5xx and network errors. */
  async #send(request: () => Request): Promise<Response> {
    let backoff = this.#o.backoffMs;
    for (let tries = 1;; tries++) {
      const wait = this.#nextRequestAt - Date.now();
      if (wait > 0) await sleep(wait);
      this.#nextRequestAt = Date.now() + 1000 / this.#o.requestsPerSecond;
      this.counts.requests++;
      let response: Response | null = null;
      let failure = "";
      try {
        response = await this.#o.fetch(request(), { signal: AbortSignal.timeout(this.#o.timeoutMs) });
      } catch (e) {
        failure = (e as Error).name === "TimeoutError"
          ? `no answer within ${this.#o.timeoutMs} ms`
          : (e as Error).message;
      }
      if (response?.status === 429) {
        const after = Number(response.headers.get("retry-after"));
        await response.body?.cancel();
        this.counts.retries++;
        await sleep(1000 * (Number.isFinite(after) && after >= 0 ? after : backoff / 1000));
        tries--; // the API asked to wait: not a failure
        continue;
      }
      if (response && response.status < 500) return response; // the caller reads 2xx and refuses other 4xx
      if (response) {
        failure = `status ${response.status}`;
        await response.body?.cancel();
      }
      if (tries >= this.#o.maxTries) {
        throw new FtApiError(`${request().url}: ${failure} after ${tries} tries`);
      }
      this.counts.retries++;
      await sleep(backoff);
      backoff *= 2;
    }
  }
}
