type Attributes = Record<string, string | boolean | number | null | undefined>;

/** A tiny element factory: text children are text nodes, so names never become markup. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attributes = {},
  ...children: Array<Node | string | null | undefined>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    // Properties (checked) as properties, so a re-render shows the state; the rest as attributes.
    if (key in el && typeof value !== 'string') (el as unknown as Record<string, unknown>)[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  el.append(...children.filter((c): c is Node | string => c != null));
  return el;
}

/** An element by id that the page must have: a missing one is a broken page, said once by name. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the builder's page has no #${id}`);
  return el as T;
}

/** Scrolls a list so its checked option shows, without scrolling the page. */
export function showChecked(list: HTMLElement): void {
  const checked = list.querySelector('input:checked');
  const label = checked?.closest('label');
  if (label) list.scrollTop = Math.max(0, label.offsetTop - 8);
}
