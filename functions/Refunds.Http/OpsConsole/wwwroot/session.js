// The signed-in user's bearer token lives in this module's memory only: never in localStorage or sessionStorage, so
// another tab, an extension reading storage, or the next person at the browser cannot pick it up, and reloading the
// page signs out. The claims are decoded for display only; the API checks the signature on every call.

let current = null;

/** Signs in with a pasted token: refuses what is not a JWT or has expired, so the user learns it here and not later. */
export function signIn(token) {
  const trimmed = String(token ?? '').trim().replace(/^Bearer\s+/i, '');
  const claims = decodeClaims(trimmed);
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) {
    throw new Error('That token has expired: get a new one.');
  }
  current = { token: trimmed, claims };
  return current;
}

export function signOut() {
  current = null;
}

export function session() {
  return current;
}

export function roles() {
  const value = current?.claims.roles;
  return Array.isArray(value) ? value : value ? [value] : [];
}

export function organization() {
  return current?.claims.org_id ?? null;
}

/** "dev-user · Ops · until 14:03:10" */
export function describe() {
  if (!current) {
    return '';
  }
  const { claims } = current;
  // Entra ID's sub is an opaque pairwise id: the sign-in name says more where the token has one.
  const parts = [claims.preferred_username ?? claims.name ?? claims.sub ?? 'unknown user'];
  const list = roles();
  parts.push(list.length ? list.join(', ') : 'no roles');
  if (claims.org_id) {
    parts.push(`organization ${claims.org_id}`);
  }
  if (typeof claims.exp === 'number') {
    parts.push(`until ${new Date(claims.exp * 1000).toLocaleTimeString()}`);
  }
  return parts.join(' · ');
}

function decodeClaims(token) {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some(part => part.length === 0)) {
    throw new Error('That is not a bearer token (a JWT has three dot-separated parts).');
  }
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), c => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    if (claims === null || typeof claims !== 'object') {
      throw new Error('not an object');
    }
    return claims;
  } catch {
    throw new Error('That token\'s claims cannot be read: paste the whole token.');
  }
}

// Development tokens: the local host answers dev-token (beside this page) only in its Development environment.
// Elsewhere the request is a 404 and the console offers no minting.

/** The roles the development minter accepts, or null where there is none. */
export async function devTokenRoles() {
  try {
    const response = await fetch('dev-token', { cache: 'no-store', credentials: 'omit' });
    if (!response.ok) {
      return null;
    }
    const body = await response.json();
    return Array.isArray(body.roles) ? body.roles : null;
  } catch {
    return null;
  }
}

export async function mintDevToken(roleList, orgId) {
  const response = await fetch('dev-token', {
    method: 'POST',
    cache: 'no-store',
    credentials: 'omit',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ roles: roleList, orgId: orgId || null }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.detail ?? body.title ?? `The development token was refused (${response.status}).`);
  }
  return body.token;
}
