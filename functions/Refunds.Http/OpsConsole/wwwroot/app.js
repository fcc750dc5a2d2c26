import { ApiError, links } from './api.js';
import { describe, organization, roles, session, signOut } from './session.js';
import { renderAttention } from './views/attention.js';
import { renderOrganization } from './views/organization.js';
import { renderRefund } from './views/refund.js';
import { renderSignIn } from './views/signin.js';

// Hash routes, so the same files work wherever a host serves them (/ops/ locally, /api/console/ in Functions):
//   #/attention?attention=…&orgId=…   #/orgs   #/orgs/{orgId}?status=…   #/orgs/{orgId}/refunds/{refundId}

const main = document.getElementById('main');
const announcer = document.getElementById('announcer');
const identity = document.getElementById('identity');
const who = document.getElementById('who');
const nav = document.getElementById('nav');
const dialog = document.getElementById('confirm');

let cleanup = null;
let afterSignIn = null;

const ctx = {
  /** Says something in the live region: screen readers read it, everyone sees it. kind: info, ok or error. */
  announce(message, kind = 'info') {
    announcer.className = `announcer announcer-${kind}`;
    // Emptied first, so that the same message twice is read twice.
    announcer.textContent = '';
    setTimeout(() => {
      announcer.textContent = message;
    }, 50);
  },

  /** A 401 means the token is no longer good: back to sign-in, saying why. True when it handled the error. */
  handleAuthError(error) {
    if (!(error instanceof ApiError) || error.status !== 401) {
      return false;
    }
    signOut();
    route(`The API refused your token (${error.detail ?? 'expired or invalid'}): sign in again.`);
    return true;
  },

  confirm({ title, text, confirm }) {
    return new Promise(resolve => {
      const opener = document.activeElement;
      document.getElementById('confirm-title').textContent = title;
      document.getElementById('confirm-text').textContent = text;
      const ok = document.getElementById('confirm-ok');
      const back = document.getElementById('confirm-back');
      ok.textContent = confirm;
      const finish = answer => {
        ok.removeEventListener('click', onOk);
        back.removeEventListener('click', onBack);
        dialog.removeEventListener('close', onClose);
        if (dialog.open) {
          dialog.close();
        }
        opener?.focus?.();
        resolve(answer);
      };
      const onOk = () => finish(true);
      const onBack = () => finish(false);
      const onClose = () => finish(false);
      ok.addEventListener('click', onOk);
      back.addEventListener('click', onBack);
      dialog.addEventListener('close', onClose);
      dialog.showModal();
      // The safe choice has the focus: Enter does not confirm by accident.
      back.focus();
    });
  },

  signedIn() {
    ctx.announce(`Signed in: ${describe()}.`, 'ok');
    const target = afterSignIn;
    afterSignIn = null;
    if (target && target !== window.location.hash) {
      window.location.hash = target;
    } else {
      route();
    }
  },

  navigate(hash) {
    window.location.hash = hash;
  },

  /** Records filters in the address (for links and reloads) without leaving the view. */
  replaceQuery(values) {
    const [path] = currentHash().split('?');
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(values)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item) {
          query.append(name, item);
        }
      }
    }
    const text = query.toString();
    history.replaceState(null, '', `#${path}${text ? `?${text}` : ''}`);
  },
};

function currentHash() {
  return window.location.hash.replace(/^#/, '') || '/';
}

function route(signInMessage) {
  cleanup?.();
  cleanup = null;
  const [path, queryText] = currentHash().split('?');
  const params = new URLSearchParams(queryText ?? '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);

  const current = session();
  identity.hidden = !current;
  nav.hidden = !current;
  who.textContent = current ? `Signed in as ${describe()}` : '';
  if (!current) {
    if (parts.length > 0) {
      afterSignIn = window.location.hash;
    }
    cleanup = renderSignIn(main, ctx, typeof signInMessage === 'string' ? signInMessage : null);
    focusHeading();
    return;
  }

  if (parts[0] === 'attention') {
    cleanup = renderAttention(main, ctx, params);
  } else if (parts[0] === 'orgs' && parts.length === 4 && parts[2] === 'refunds') {
    cleanup = renderRefund(main, ctx, parts[1], parts[3]);
  } else if (parts[0] === 'orgs') {
    cleanup = renderOrganization(main, ctx, parts[1] ?? null, params);
  } else {
    // Home: what this user can see first.
    const org = organization();
    window.location.replace(roles().includes('Ops') || !org ? links.attention() : links.organization(org));
    return;
  }
  markCurrentLink(parts[0]);
  focusHeading();
}

function markCurrentLink(first) {
  for (const link of nav.querySelectorAll('a')) {
    const current = link.getAttribute('href') === `#/${first}`;
    if (current) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
}

/** Each view starts at its heading, so keyboard and screen-reader users land where the new content is. */
function focusHeading() {
  main.querySelector('h2')?.focus();
}

document.getElementById('sign-out').addEventListener('click', () => {
  signOut();
  ctx.announce('Signed out.', 'info');
  route();
});

window.addEventListener('hashchange', () => route());
route();
