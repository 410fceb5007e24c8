// The one file that imports @xapi/xapi at run time (ESLint enforces it). It is loaded with
// import() only once an LRS is configured, so the library never joins the first load.
import XAPI from '@xapi/xapi';
import type { Statement } from '@xapi/xapi';

/** The library's adapter function type (not exported from its root). */
type AdapterFunction = Extract<NonNullable<ConstructorParameters<typeof XAPI>[0]['adapter']>, (...args: never[]) => unknown>;

/** Why a post to the LRS failed; `retryable` says whether trying again later can help. */
export class LrsPostError extends Error {
  override readonly name = 'LrsPostError';
  constructor(
    message: string,
    /** The HTTP status, or undefined when the LRS could not be reached at all. */
    readonly status: number | undefined,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** Network failures, timeouts, rate limits and server errors are worth retrying; other 4xx are not. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export interface LrsCredentials {
  /** Ends with `/`; statements go to `${endpoint}statements`. */
  readonly endpoint: string;
  readonly username: string;
  readonly password: string;
}

/**
 * Posts a batch of statements to the LRS's statements resource with the library's request
 * building (URL, `X-Experience-API-Version: 1.0.3`, `Authorization: Basic …`). Its own fetch
 * adapter is replaced by one that keeps the HTTP status: the built-in one throws a bare `Error`
 * with the response body, and the outbox needs the status to tell a 503 (retry) from a 401 or a
 * 400 (do not hammer the LRS with a request it will refuse again).
 *
 * @throws LrsPostError when the LRS cannot be reached or answers with a non-2xx status.
 */
export async function postStatements(connection: LrsCredentials, statements: readonly Statement[], fetchImpl: typeof fetch = fetch): Promise<void> {
  const adapter: AdapterFunction = async ({ url, method, data, headers }) => {
    let response: Response;
    try {
      const body = data === undefined ? undefined : typeof data === 'string' ? data : JSON.stringify(data);
      response = await fetchImpl(url, { method, headers, body, credentials: 'omit', cache: 'no-store' });
    } catch (error) {
      throw new LrsPostError(`the LRS could not be reached (${error instanceof Error ? error.message : String(error)})`, undefined, true);
    }
    const text = await response.text();
    if (!response.ok) {
      const detail = text.trim().slice(0, 200);
      throw new LrsPostError(
        `the LRS answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${detail ? `: ${detail}` : ''}`,
        response.status,
        isRetryableStatus(response.status),
      );
    }
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Some LRSs answer 204 with no body.
    }
    return { data: parsed as never, headers: Object.fromEntries(response.headers.entries()), status: response.status };
  };
  let auth: string;
  try {
    auth = XAPI.toBasicAuth(connection.username, connection.password);
  } catch {
    throw new LrsPostError('the key or secret contains characters HTTP Basic authentication cannot carry', undefined, false);
  }
  const xapi = new XAPI({ endpoint: connection.endpoint, auth, version: '1.0.3', adapter });
  await xapi.sendStatements({ statements: [...statements] });
}
