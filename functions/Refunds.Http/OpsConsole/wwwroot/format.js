// Money arrives as integer minor units plus an ISO 4217 code; times as ISO 8601 instants.

const minorDigitsByCurrency = new Map();

/** The currency's minor unit digits (USD 2, JPY 0, BHD 3), from the browser's ICU data; 2 for a code it does not know. */
export function minorDigits(currency) {
  const code = String(currency ?? '').toUpperCase();
  if (!minorDigitsByCurrency.has(code)) {
    let digits = 2;
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits;
    } catch {
      // Not an ISO code the browser knows: show two decimals rather than nothing.
    }
    minorDigitsByCurrency.set(code, digits);
  }
  return minorDigitsByCurrency.get(code);
}

/** 15000, 'usd' → "150.00 USD"; 500, 'jpy' → "500 JPY". Exact for every amount the API accepts (below 2^53). */
export function formatMoney(minor, currency) {
  if (minor === null || minor === undefined || !currency) {
    return '—';
  }
  const code = String(currency).toUpperCase();
  const digits = minorDigits(code);
  const number = new Intl.NumberFormat(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${number.format(Number(minor) / 10 ** digits)} ${code}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const compactDateTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/**
 * A <time> element showing the instant in the browser's locale and time zone (compact: without year and seconds, for
 * tables), with the exact instant as its datetime and, when compact, as its tooltip.
 */
export function time(iso, compact = false) {
  if (!iso) {
    return '—';
  }
  const element = document.createElement('time');
  element.dateTime = iso;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    element.textContent = iso;
  } else {
    element.textContent = (compact ? compactDateTime : dateTime).format(date);
    if (compact) {
      element.title = dateTime.format(date);
    }
  }
  return element;
}

export function formatClock(date) {
  return new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' }).format(date);
}

const attentionLabels = {
  waiting_for_funds: 'Waiting for funds',
  intacct_failed: 'Intacct failed',
  failed: 'Failed',
  stalled: 'Stalled',
  warnings: 'Warnings',
};

export const attentionKinds = Object.keys(attentionLabels);

export function attentionLabel(kind) {
  return attentionLabels[kind] ?? kind;
}
