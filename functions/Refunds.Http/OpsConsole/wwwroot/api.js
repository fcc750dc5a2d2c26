import { session } from './session.js';

/** A refusal or failure from the API, with its RFC 9457 problem details. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `The API answered ${status}.`);
    this.status = status;
    this.title = problem?.title ?? `HTTP ${status}`;
    this.detail = problem?.detail ?? null;
    this.code = problem?.code ?? null;
  }

  /** "Conflict (refund_not_waiting): Refund rf_1 is not waiting for funds." */
  describe() {
    const code = this.code ? ` (${this.code})` : '';
    return this.detail ? `${this.title}${code}: ${this.detail}` : `${this.title}${code}`;
  }
}

/**
 * Calls the API on this origin (both hosts serve it under /api) with the signed-in user's token.
 * query: { name: value | [values] }; empty values are left out. Returns { status, body, retryAfter }.
 */
export async function call(method, path, query) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== null && item !== undefined && item !== '') {
        url.searchParams.append(name, String(item));
      }
    }
  }
  const headers = { Accept: 'application/json' };
  const current = session();
  if (current) {
    headers.Authorization = `Bearer ${current.token}`;
  }
  let response;
  try {
    response = await fetch(url, { method, headers, cache: 'no-store', credentials: 'omit' });
  } catch {
    throw new ApiError(0, { title: 'No answer', detail: 'The API could not be reached; check the connection and refresh.' });
  }
  const type = response.headers.get('Content-Type') ?? '';
  const body = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    throw new ApiError(response.status, body);
  }
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  return { status: response.status, body, retryAfter: Number.isFinite(retryAfter) ? retryAfter : null };
}

const segment = value => encodeURIComponent(value);

export const paths = {
  attention: () => '/api/refunds',
  organizationRefunds: orgId => `/api/organizations/${segment(orgId)}/refunds`,
  refund: (orgId, refundId) => `/api/organizations/${segment(orgId)}/refunds/${segment(refundId)}`,
  retry: (orgId, refundId) => `${paths.refund(orgId, refundId)}/retry`,
  cancel: (orgId, refundId) => `${paths.refund(orgId, refundId)}/cancel`,
  intacctRetry: (orgId, refundId) => `${paths.refund(orgId, refundId)}/intacct/retry`,
};

/** Console links (hash routes) to the same resources. */
export const links = {
  attention: () => '#/attention',
  organization: orgId => `#/orgs/${segment(orgId)}`,
  refund: (orgId, refundId) => `#/orgs/${segment(orgId)}/refunds/${segment(refundId)}`,
};
