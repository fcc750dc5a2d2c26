import { call, paths } from '../api.js';
import { h } from '../dom.js';
import { attentionKinds, attentionLabel } from '../format.js';
import { pagedRefunds } from './refund-list.js';

const ages = [
  ['', 'Any age'],
  ['01:00:00', '1 hour'],
  ['06:00:00', '6 hours'],
  ['1.00:00:00', '1 day'],
  ['7.00:00:00', '7 days'],
];

const pageSizes = ['10', '25', '50', '100'];

/** Refunds that need someone (Ops only): waiting for funds, Intacct failed, failed, stalled, or with warnings. */
export function renderAttention(main, ctx, params) {
  const chosen = new Set(params.getAll('attention'));
  const kinds = h('fieldset', { class: 'kinds' },
    h('legend', null, 'Needing attention because (none checked: any reason)'),
    attentionKinds.map(kind => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'attention', value: kind, checked: chosen.has(kind) }), ` ${attentionLabel(kind)}`)));
  const org = h('input', { id: 'attention-org', name: 'orgId', autocomplete: 'off', spellcheck: 'false', value: params.get('orgId') ?? '' });
  const olderThan = h('select', { id: 'attention-older', name: 'olderThan' },
    ages.map(([value, label]) => h('option', { value, selected: (params.get('olderThan') ?? '') === value }, label)));
  const pageSize = pageSizeSelect('attention-page-size', params.get('pageSize'));
  const form = h('form', { class: 'filters', 'aria-label': 'Filters' },
    kinds,
    h('div', { class: 'field' }, h('label', { for: 'attention-org' }, 'Organization'), org),
    h('div', { class: 'field' }, h('label', { for: 'attention-older' }, 'Not updated for'), olderThan),
    h('div', { class: 'field' }, h('label', { for: 'attention-page-size' }, 'Per page'), pageSize),
    h('div', { class: 'field' }, h('button', { type: 'submit', class: 'primary' }, 'Apply filters')));

  const filters = () => ({
    attention: [...form.querySelectorAll('input[name=attention]:checked')].map(input => input.value),
    orgId: org.value.trim(),
    olderThan: olderThan.value,
    pageSize: pageSize.value,
  });

  const list = pagedRefunds({
    ctx,
    caption: 'Refunds needing attention',
    load: async token => (await call('GET', paths.attention(), { ...filters(), continuationToken: token })).body,
  });

  form.addEventListener('submit', event => {
    event.preventDefault();
    ctx.replaceQuery(filters());
    list.reset();
  });

  main.replaceChildren(h('h2', { tabindex: '-1' }, 'Refunds needing attention'), form, list.element);
  list.reset();
  return () => {};
}

export function pageSizeSelect(id, current) {
  return h('select', { id, name: 'pageSize' },
    pageSizes.map(size => h('option', { value: size, selected: (current ?? '25') === size }, size)));
}
