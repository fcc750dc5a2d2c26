import { ApiError, links } from '../api.js';
import { h } from '../dom.js';
import { attentionLabel, formatMoney, time } from '../format.js';

/**
 * A table of refunds read page by page with continuation tokens. load(token) → { items, continuationToken }.
 * Previous pages are remembered by the tokens that opened them, so paging back costs one call, like paging forward.
 */
export function pagedRefunds({ ctx, caption, load, showOrganization = true }) {
  const tokens = [null];
  let index = 0;
  let generation = 0;

  const summary = h('p', { class: 'summary', role: 'status', 'aria-live': 'polite' });
  const problem = h('div', { class: 'problem', role: 'alert', hidden: true });
  const captionElement = h('caption');
  const head = h('thead', null, h('tr', null, columns(showOrganization).map(c => h('th', { scope: 'col' }, c.title))));
  const body = h('tbody');
  const table = h('table', { class: 'refunds' }, captionElement, head, body);
  const previous = h('button', { type: 'button', disabled: true, onclick: () => go(index - 1) }, 'Previous page');
  const next = h('button', { type: 'button', disabled: true, onclick: () => go(index + 1) }, 'Next page');
  const refresh = h('button', { type: 'button', onclick: () => go(index) }, 'Refresh');
  const pager = h('div', { class: 'pager', role: 'group', 'aria-label': 'Pages' }, previous, next, refresh);
  const results = h('div', { class: 'results', hidden: true }, h('div', { class: 'scroll' }, table), pager);
  const element = h('div', { class: 'list' }, summary, problem, results);

  // The latest request owns the list: new filters applied while a page loads must not be dropped, nor overwritten
  // by the older answer when it arrives last.
  async function go(page) {
    if (page < 0 || page >= tokens.length) {
      return;
    }
    const mine = ++generation;
    element.setAttribute('aria-busy', 'true');
    try {
      const result = await load(tokens[page]);
      if (mine !== generation) {
        return;
      }
      index = page;
      tokens.length = index + 1;
      if (result.continuationToken) {
        tokens.push(result.continuationToken);
      }
      captionElement.textContent = `${caption}, page ${index + 1}`;
      body.replaceChildren(...rows(result.items ?? [], showOrganization));
      const count = result.items?.length ?? 0;
      summary.textContent = `Page ${index + 1}: ${count === 1 ? '1 refund' : `${count} refunds`}` +
        (result.continuationToken ? '; more on the next page.' : '.');
      problem.hidden = true;
      results.hidden = false;
    } catch (error) {
      if (mine === generation && !ctx.handleAuthError(error)) {
        problem.replaceChildren(h('p', null, error instanceof ApiError ? error.describe() : String(error)));
        problem.hidden = false;
        results.hidden = true;
        summary.textContent = '';
      }
    } finally {
      if (mine === generation) {
        element.removeAttribute('aria-busy');
        previous.disabled = index === 0;
        next.disabled = index + 1 >= tokens.length;
      }
    }
  }

  return {
    element,
    /** Back to the first page (new filters). */
    reset: () => {
      tokens.length = 1;
      index = 0;
      return go(0);
    },
  };
}

function columns(showOrganization) {
  const all = [
    { title: 'Refund', cell: r => h('a', { href: links.refund(r.organizationId, r.refundId) }, r.refundId) },
    { title: 'Organization', cell: r => h('a', { href: links.organization(r.organizationId) }, r.organizationId), organization: true },
    { title: 'Payment', cell: r => r.paymentId },
    { title: 'Amount', cell: r => formatMoney(r.amount, r.currency), class: 'number' },
    { title: 'Status', cell: r => [h('span', { class: `status status-${String(r.status).toLowerCase()}` }, r.status), h('span', { class: 'step' }, r.step)] },
    { title: 'Attention', cell: r => (r.attention ?? []).map(kind => h('span', { class: `badge badge-${kind}` }, attentionLabel(kind))) },
    { title: 'Shortfall', cell: r => shortfall(r.waiting), class: 'number' },
    { title: 'Intacct', cell: r => r.intacctStatus ?? '—' },
    { title: 'Created', cell: r => time(r.createdAt, true), class: 'when' },
    { title: 'Updated', cell: r => time(r.updatedAt, true), class: 'when' },
  ];
  return all.filter(c => showOrganization || !c.organization);
}

const waitingReasons = {
  insufficient_funds: 'Insufficient funds',
  requires_action: 'Stripe needs the customer',
  pending_at_stripe: 'Pending at Stripe',
};

function shortfall(waiting) {
  if (!waiting) {
    return '—';
  }
  const amount = waiting.shortfall ? formatMoney(waiting.shortfall.amount, waiting.shortfall.currency) : null;
  const reason = waiting.reason ? waitingReasons[waiting.reason] ?? waiting.reason : null;
  return [amount ? h('strong', null, `${amount} short`) : null, reason ? h('span', { class: 'reason' }, reason) : null];
}

function rows(items, showOrganization) {
  const list = columns(showOrganization);
  if (items.length === 0) {
    return [h('tr', null, h('td', { colspan: String(list.length), class: 'empty' }, 'No refunds match.'))];
  }
  return items.map(item => h('tr', { dataset: { refundId: item.refundId } }, list.map(c => h('td', { class: c.class }, c.cell(item)))));
}
