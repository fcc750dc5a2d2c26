import { ApiError, call, links, paths } from '../api.js';
import { facts, h, section } from '../dom.js';
import { formatClock, formatMoney, time } from '../format.js';

const finalStatuses = new Set(['Completed', 'Failed', 'Canceled']);

/**
 * One refund: summary, funds shortfall and remedies, actions, Stripe, Intacct, the orchestration, invoices and the
 * timeline. Refreshes itself while the refund is not final; only the data panels are rebuilt, so focus stays put.
 */
export function renderRefund(main, ctx, orgId, refundId) {
  let timer = null;
  let fastUntil = 0;
  let disposed = false;
  let lastStatus = null;
  let current = null;

  const heading = h('h2', { tabindex: '-1' }, `Refund ${refundId}`);
  const trail = h('p', { class: 'trail' }, 'Organization ', h('a', { href: links.organization(orgId) }, orgId));
  const auto = h('input', { type: 'checkbox', id: 'auto-refresh', checked: true, onchange: () => schedule() });
  const refreshed = h('span', { class: 'refreshed' });
  const toolbar = h('div', { class: 'toolbar', role: 'group', 'aria-label': 'Refresh' },
    h('button', { type: 'button', onclick: () => load() }, 'Refresh'),
    h('label', { class: 'check' }, auto, ' Refresh automatically while it runs'),
    refreshed);

  const retry = h('button', { type: 'button', onclick: () => act(retryAction) }, 'Retry');
  const cancel = h('button', { type: 'button', class: 'danger', onclick: () => act(cancelAction) }, 'Cancel refund');
  const intacct = h('button', { type: 'button', onclick: () => act(intacctAction) }, 'Retry Intacct reversal');
  const noActions = h('p', { class: 'muted' }, 'No action applies to this refund now.');
  // The last action's outcome stays here (a live region, so it is read out) until the next action.
  const result = h('p', { id: 'action-result', class: 'result', role: 'status', 'aria-live': 'polite' });
  const actions = h('section', { class: 'panel actions', 'aria-labelledby': 'actions-heading' },
    h('h3', { id: 'actions-heading' }, 'Actions'), h('div', { class: 'buttons' }, retry, cancel, intacct), noActions, result);

  const problem = h('div', { class: 'problem', role: 'alert', hidden: true });
  const panels = h('div', { class: 'panels' });
  main.replaceChildren(heading, trail, toolbar, problem, actions, panels);
  actions.hidden = true;

  const retryAction = {
    title: 'Retry this refund now?',
    text: () => `The refund asks Stripe again at once instead of waiting for a balance event or the next balance check. ` +
      `Use it after the connected account was topped up${current?.funds ? ` by at least ${formatMoney(current.funds.short, current.funds.currency)}` : ''}.`,
    confirm: 'Retry now',
    path: () => paths.retry(orgId, refundId),
    done: 'Retry accepted: the refund asks Stripe again now.',
  };
  const cancelAction = {
    title: 'Cancel this refund?',
    text: () => 'Only when the merchant refunds the customer outside Stripe. The refund ends Canceled; the payment and ' +
      'its invoices stay as they are, and nothing is sent to Stripe.',
    confirm: 'Cancel the refund',
    path: () => paths.cancel(orgId, refundId),
    done: 'The refund is canceled.',
  };
  const intacctAction = {
    title: 'Retry the Intacct reversal?',
    text: () => `The failed reversal of AR payment ${current?.intacct?.arPaymentKey ?? ''} runs again as a new attempt.`,
    confirm: 'Retry the reversal',
    path: () => paths.intacctRetry(orgId, refundId),
    done: 'Intacct retry accepted: the reversal runs again.',
  };

  async function act(action) {
    if (!(await ctx.confirm({ title: action.title, text: action.text(), confirm: action.confirm }))) {
      return;
    }
    result.textContent = '';
    fastUntil = Date.now() + 60_000;
    try {
      await call('POST', action.path());
      say(action.done, 'ok');
    } catch (error) {
      if (ctx.handleAuthError(error)) {
        return;
      }
      say(`Refused. ${error instanceof ApiError ? error.describe() : String(error)}`, 'error');
    }
    await load();
  }

  function say(message, kind) {
    result.className = `result result-${kind}`;
    result.textContent = message;
  }

  async function load() {
    clearTimeout(timer);
    let retryAfter = null;
    try {
      const answer = await call('GET', paths.refund(orgId, refundId));
      if (disposed) {
        return;
      }
      current = answer.body;
      retryAfter = answer.retryAfter;
      problem.hidden = true;
      render(current);
      refreshed.textContent = `Refreshed at ${formatClock(new Date())}`;
      if (lastStatus !== null && lastStatus !== current.runtimeStatus) {
        ctx.announce(`Refund ${refundId} is now ${current.runtimeStatus}.`, 'info');
      }
      lastStatus = current.runtimeStatus;
    } catch (error) {
      if (disposed || ctx.handleAuthError(error)) {
        return;
      }
      problem.replaceChildren(h('p', null, error instanceof ApiError ? error.describe() : String(error)));
      problem.hidden = false;
    }
    schedule(retryAfter);
  }

  // Every few seconds while the refund moves (as the API's Retry-After asks) and for a while after an action; a
  // refund waiting for funds may wait for days, so then every 15 s. Nothing is fetched while the tab is hidden.
  function schedule(retryAfter) {
    clearTimeout(timer);
    if (disposed || !auto.checked || !current || isFinal(current)) {
      return;
    }
    const waiting = current.runtimeStatus === 'Waiting' && Date.now() > fastUntil;
    const seconds = waiting ? 15 : Math.max(2, retryAfter ?? 2);
    timer = setTimeout(() => (document.hidden ? schedule(retryAfter) : load()), seconds * 1000);
  }

  function render(refund) {
    const waiting = refund.runtimeStatus === 'Waiting' && Boolean(refund.funds);
    retry.hidden = !waiting;
    cancel.hidden = !waiting;
    intacct.hidden = refund.intacct?.status !== 'Failed';
    noActions.hidden = !(retry.hidden && cancel.hidden && intacct.hidden);
    actions.hidden = false;
    // replaceChildren would write a null as the text "null": panels that do not apply are left out.
    panels.replaceChildren(...[
      summary(refund),
      refund.funds ? funds(refund) : null,
      refund.warnings?.length ? section('warnings', 'Warnings', h('ul', null, refund.warnings.map(w => h('li', null, w)))) : null,
      refund.lastError ? section('last-error', 'Last error', facts([
        ['Step', refund.lastError.step], ['At', time(refund.lastError.at)], ['Message', refund.lastError.message]])) : null,
      section('stripe', 'Stripe', facts([
        ['Refund id', refund.stripe?.refundId ?? 'none yet'], ['Status', refund.stripe?.status ?? '—']])),
      intacctPanel(refund.intacct),
      orchestration(refund.orchestration),
      invoices(refund.invoices ?? []),
      timeline(refund.history ?? []),
    ].filter(Boolean));
  }

  load();
  return () => {
    disposed = true;
    clearTimeout(timer);
  };
}

function isFinal(refund) {
  return finalStatuses.has(refund.runtimeStatus) && refund.intacct?.status !== 'Pending';
}

function summary(refund) {
  const link = refund.linkedTo;
  const linked = !link ? null : link.type === 'creditMemo'
    ? `credit memo ${link.id}` + (link.amount !== undefined
      ? ` (${link.status ?? ''}: ${formatMoney(link.refundedAmount, link.currency)} of ${formatMoney(link.amount, link.currency)} refunded)`
      : '')
    : `payment ${link.id}`;
  return section('summary', 'Summary', facts([
    ['Status', h('span', { class: `status status-${String(refund.runtimeStatus).toLowerCase()}`, id: 'runtime-status' }, refund.runtimeStatus)],
    ['Step', refund.step],
    ['Where it stands', refund.customStatus],
    ['Amount', formatMoney(refund.amount, refund.currency)],
    ['Payment', refund.paymentId],
    ['Recorded on', linked],
    ['Reason', refund.reason],
    ['Requested by', refund.requestedBy],
    ['Created', time(refund.createdAt)],
    ['Updated', time(refund.updatedAt)],
    ['Completed', refund.completedAt ? time(refund.completedAt) : null],
    ['Next attempt', refund.nextAttemptAt ? time(refund.nextAttemptAt) : null],
  ]));
}

function funds(refund) {
  const f = refund.funds;
  const remedies = refund.runtimeStatus === 'Waiting' ? h('ul', { class: 'remedies' },
    h('li', null, 'Wait: the refund resumes by itself when Stripe reports funds available or at the next balance check',
      f.giveUpAt ? [', and gives up at ', time(f.giveUpAt), '.'] : '.'),
    h('li', null, `Top up the connected account's Stripe balance by at least ${formatMoney(f.short, f.currency)}, then Retry.`),
    h('li', null, 'Refund the customer outside Stripe, then Cancel the refund here.')) : null;
  return section('funds', 'Funds', facts([
    ['Short by', h('strong', { id: 'shortfall' }, formatMoney(f.short, f.currency))],
    ['Available', formatMoney(f.available, f.currency)],
    ['Pending', formatMoney(f.pending, f.currency)],
    ['Balance checked', time(f.checkedAt)],
    ['Gives up at', f.giveUpAt ? time(f.giveUpAt) : null],
  ]), remedies ? [h('h4', null, 'Remedies'), remedies] : null);
}

function intacctPanel(intacct) {
  if (!intacct) {
    return null;
  }
  return section('intacct', 'Intacct', facts([
    ['Reversal', h('span', { id: 'intacct-status' }, intacct.status)],
    ['AR payment', intacct.arPaymentKey],
    ['Attempts', intacct.attempts],
    ['Next attempt', intacct.nextAttemptAt ? time(intacct.nextAttemptAt) : null],
    ['Error', intacct.error ? `${intacct.error.errorNumber}: ${intacct.error.description}` : null],
    ['Error at', intacct.error ? time(intacct.error.at) : null],
  ]));
}

function orchestration(instance) {
  if (!instance) {
    return section('orchestration', 'Orchestration', h('p', { class: 'muted' }, 'No orchestration instance exists for this refund.'));
  }
  return section('orchestration', 'Orchestration', facts([
    ['Instance', instance.instanceId],
    ['Name', instance.name],
    ['Runtime status', instance.runtimeStatus],
    ['Created', time(instance.createdAt)],
    ['Last updated', time(instance.lastUpdatedAt)],
  ]));
}

function invoices(list) {
  const rows = list.length === 0
    ? [h('tr', null, h('td', { colspan: '5', class: 'empty' }, 'No invoices.'))]
    : list.map(i => h('tr', null,
      h('td', null, i.invoiceId),
      h('td', { class: 'number' }, formatMoney(i.amount, i.currency)),
      h('td', { class: 'number' }, formatMoney(i.paidAmount, i.currency)),
      h('td', null, i.status),
      h('td', null, [i.inDispute ? 'in dispute' : null, i.inCollections ? 'in collections' : null].filter(Boolean).join(', ') || '—')));
  return section('invoices', 'Invoices', h('div', { class: 'scroll' }, h('table', null,
    h('caption', { class: 'visually-hidden' }, 'Invoices the payment settled, as they stand now'),
    h('thead', null, h('tr', null, ['Invoice', 'Amount', 'Paid', 'Status', 'Flags'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', null, rows))));
}

function timeline(history) {
  const ordered = [...history].sort((a, b) => a.sequence - b.sequence);
  return section('timeline', 'Timeline', ordered.length === 0
    ? h('p', { class: 'muted' }, 'Nothing has happened yet.')
    : h('ol', { class: 'timeline' }, ordered.map(item => h('li', null,
      time(item.at), ' ', h('span', { class: 'step' }, item.step), ' ', h('strong', { class: 'outcome' }, item.outcome),
      item.detail ? h('span', { class: 'detail' }, item.detail) : null))));
}
