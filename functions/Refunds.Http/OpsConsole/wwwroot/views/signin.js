import { h } from '../dom.js';
import { devTokenRoles, mintDevToken, signIn } from '../session.js';

/** Sign-in: paste a bearer token; where the host mints development tokens, a button does it instead. */
export function renderSignIn(main, ctx, message) {
  const token = h('textarea', { id: 'token', rows: '4', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'token-help' });
  const problem = h('div', { class: 'problem', role: 'alert', hidden: !message }, message ?? '');
  const form = h('form', { class: 'signin', 'aria-label': 'Sign in with a token' },
    h('label', { for: 'token' }, 'Bearer token'),
    h('p', { id: 'token-help', class: 'muted' },
      'A token with the Ops role, or the Admin role of an organization. It is kept in this page\'s memory only: ' +
      'reloading the page signs you out.'),
    token,
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary' }, 'Sign in')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    complete(() => signIn(token.value));
  });

  const dev = h('section', { class: 'panel dev', 'aria-labelledby': 'dev-heading', hidden: true });
  main.replaceChildren(h('h2', { tabindex: '-1' }, 'Sign in'), problem, form, dev);

  function complete(attempt) {
    try {
      attempt();
      ctx.signedIn();
    } catch (error) {
      problem.textContent = error.message;
      problem.hidden = false;
    }
  }

  let disposed = false;
  devTokenRoles().then(roles => {
    if (disposed || !roles) {
      return;
    }
    const role = h('select', { id: 'dev-role' }, roles.map(r => h('option', { value: r }, r)));
    const org = h('input', { id: 'dev-org', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'dev-org-help' });
    const mint = h('form', { class: 'filters', 'aria-label': 'Development token' },
      h('div', { class: 'field' }, h('label', { for: 'dev-role' }, 'Role'), role),
      h('div', { class: 'field' }, h('label', { for: 'dev-org' }, 'Organization (for Admin)'), org),
      h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Sign in with a development token')));
    mint.addEventListener('submit', async event => {
      event.preventDefault();
      try {
        const minted = await mintDevToken([role.value], org.value.trim());
        complete(() => signIn(minted));
      } catch (error) {
        problem.textContent = error.message;
        problem.hidden = false;
      }
    });
    dev.replaceChildren(
      h('h3', { id: 'dev-heading' }, 'Development'),
      h('p', { id: 'dev-org-help', class: 'muted' }, 'This host runs in Development and signs tokens with the development key, which only a local run trusts.'),
      mint);
    dev.hidden = false;
  });
  return () => {
    disposed = true;
  };
}
