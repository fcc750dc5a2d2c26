import { call, paths } from '../api.js';
import { h } from '../dom.js';
import { attentionKinds, attentionLabel } from '../format.js';
import { pagedRefunds } from './refund-list.js';

// ISO 8601 durations back from now, as the API takes them.
const ages = [
  ['', 'Any age'],
  ['PT1H', '1 hour'],
  ['PT6H', '6 hours'],
  ['P1D', '1 day'],
  ['P7D', '7 days'],
];

/** Refunds that need someone (Ops only), oldest first: waiting for funds, Intacct failed, failed, stalled, or with warnings. */
export function renderAttention(main, ctx, params) {
  const chosen = new Set(params.getAll('attention'));
  const kinds = h('fieldset', { class: 'kinds' },
    h('legend', null, 'Needing attention because (none checked: any reason)'),
    attentionKinds.map(kind => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'attention', value: kind, checked: chosen.has(kind) }), ` ${attentionLabel(kind)}`)));
  const org = h('input', { id: 'attention-org', name: 'orgId', autocomplete: 'off', spellcheck: 'false', value: params.get('orgId') ?? '' });
  const olderThan = h('select', { id: 'attention-older', name: 'olderThan' },
    ages.map(([value, label]) => h('option', { value, selected: (params.get('olderThan') ?? '') === value }, label)));
  const pageSize = pageSizeInput('attention-page-size', params.get('pageSize'));
  const form = h('form', { class: 'filters', 'aria-label': 'Filters' },
    kinds,
    h('div', { class: 'field' }, h('label', { for: 'attention-org' }, 'Organization'), org),
    h('div', { class: 'field' }, h('label', { for: 'attention-older' }, 'Created more than … ago'), olderThan),
    h('div', { class: 'field' }, h('label', { for: 'attention-page-size' }, 'Per page'), pageSize),
    h('div', { class: 'field' }, h('button', { type: 'submit', class: 'primary' }, 'Apply filters')));

  const filters = () => ({
    attention: [...form.querySelectorAll('input[name=attention]:checked')].map(input => input.value),
    orgId: org.value.trim(),
    olderThan: olderThan.value,
    pageSize: pageSize.value,
  });

  // A continuation token continues only the filters it came from: pages use the applied ones, not what is typed since.
  let applied = filters();
  const list = pagedRefunds({
    ctx,
    caption: 'Refunds needing attention',
    load: async token => (await call('GET', paths.attention(), { ...applied, continuationToken: token })).body,
  });

  form.addEventListener('submit', event => {
    event.preventDefault();
    applied = filters();
    ctx.replaceQuery(applied);
    list.reset();
  });

  main.replaceChildren(h('h2', { tabindex: '-1' }, 'Refunds needing attention'), form, list.element);
  list.reset();
  return () => {};
}

export function pageSizeInput(id, current) {
  return h('input', { id, name: 'pageSize', type: 'number', min: '1', max: '100', step: '1', required: true, class: 'narrow', value: current ?? '25' });
}
