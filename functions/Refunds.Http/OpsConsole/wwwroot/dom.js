// Builds DOM with createElement and text nodes only: the page's Content-Security-Policy enforces Trusted Types, so
// nothing here may parse a string as HTML, and text from the API always stays text.

/**
 * h('a', { href: '#/x', class: 'link', onclick: fn }, 'text', childNode, [more], null)
 * Props: 'class', 'dataset', on<event> listeners, booleans (true sets an empty attribute, false/null skips it), and
 * any other attribute as a string.
 */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'class') {
      element.className = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'value' || name === 'checked' || name === 'selected') {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else {
      element.append(child instanceof Node ? child : String(child));
    }
  }
}

/** A definition list of [term, description] pairs; pairs whose description is null or undefined are left out. */
export function facts(pairs, className = 'facts') {
  return h('dl', { class: className }, pairs
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([term, value]) => [h('dt', null, term), h('dd', null, value)]));
}

/** A section with a heading (h3) that names it for assistive technology. */
export function section(id, title, ...content) {
  const headingId = `${id}-heading`;
  return h('section', { class: 'panel', id, 'aria-labelledby': headingId }, h('h3', { id: headingId }, title), content);
}
