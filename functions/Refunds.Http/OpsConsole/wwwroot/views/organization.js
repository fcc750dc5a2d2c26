import { call, links, paths } from '../api.js';
import { h } from '../dom.js';
import { pageSizeInput } from './attention.js';
import { pagedRefunds } from './refund-list.js';

const statuses = ['', 'Pending', 'Running', 'Waiting', 'Completed', 'Failed', 'Canceled'];

/** An organization's refunds (Admin of the organization, or Ops), newest first, with filters. */
export function renderOrganization(main, ctx, orgId, params) {
  const orgInput = h('input', { id: 'org-id', name: 'orgId', required: true, autocomplete: 'off', spellcheck: 'false', value: orgId ?? '' });
  const choose = h('form', { class: 'filters', 'aria-label': 'Organization' },
    h('div', { class: 'field' }, h('label', { for: 'org-id' }, 'Organization id'), orgInput),
    h('div', { class: 'field' }, h('button', { type: 'submit', class: orgId ? null : 'primary' }, 'Show refunds')));
  choose.addEventListener('submit', event => {
    event.preventDefault();
    const value = orgInput.value.trim();
    if (value) {
      ctx.navigate(links.organization(value));
    }
  });

  if (!orgId) {
    main.replaceChildren(h('h2', { tabindex: '-1' }, 'Organization refunds'), choose);
    return () => {};
  }

  const payment = h('input', { id: 'org-payment', name: 'paymentId', autocomplete: 'off', spellcheck: 'false', value: params.get('paymentId') ?? '' });
  const status = h('select', { id: 'org-status', name: 'status' },
    statuses.map(value => h('option', { value, selected: (params.get('status') ?? '') === value }, value || 'Any status')));
  const from = h('input', { id: 'org-from', name: 'createdFrom', type: 'date', value: params.get('createdFrom') ?? '' });
  const to = h('input', { id: 'org-to', name: 'createdTo', type: 'date', value: params.get('createdTo') ?? '' });
  const pageSize = pageSizeInput('org-page-size', params.get('pageSize'));
  const form = h('form', { class: 'filters', 'aria-label': 'Filters' },
    h('div', { class: 'field' }, h('label', { for: 'org-payment' }, 'Payment id'), payment),
    h('div', { class: 'field' }, h('label', { for: 'org-status' }, 'Status'), status),
    h('div', { class: 'field' }, h('label', { for: 'org-from' }, 'Created from (UTC day)'), from),
    h('div', { class: 'field' }, h('label', { for: 'org-to' }, 'Created to (UTC day, inclusive)'), to),
    h('div', { class: 'field' }, h('label', { for: 'org-page-size' }, 'Per page'), pageSize),
    h('div', { class: 'field' }, h('button', { type: 'submit', class: 'primary' }, 'Apply filters')));

  const filters = () => ({
    paymentId: payment.value.trim(),
    status: status.value,
    createdFrom: from.value,
    createdTo: to.value,
    pageSize: pageSize.value,
  });

  // A continuation token continues only the filters it came from: pages use the applied ones, not what is typed since.
  let applied = filters();
  const list = pagedRefunds({
    ctx,
    caption: `Refunds of ${orgId}`,
    showOrganization: false,
    load: async token => {
      const f = applied;
      const query = {
        ...f,
        createdFrom: f.createdFrom ? `${f.createdFrom}T00:00:00Z` : '',
        createdTo: f.createdTo ? nextDay(f.createdTo) : '',
        continuationToken: token,
      };
      return (await call('GET', paths.organizationRefunds(orgId), query)).body;
    },
  });

  form.addEventListener('submit', event => {
    event.preventDefault();
    applied = filters();
    ctx.replaceQuery(applied);
    list.reset();
  });

  main.replaceChildren(h('h2', { tabindex: '-1' }, `Refunds of ${orgId}`), choose, form, list.element);
  list.reset();
  return () => {};
}

/** The API's createdTo is exclusive: the next UTC midnight includes the whole day chosen. */
function nextDay(day) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString();
}
