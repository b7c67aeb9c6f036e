/** A tiny element builder: enough for a form wizard, far smaller than any framework. */
export type Child = Node | string | number | null | undefined | false | Child[];
export type Props = Record<string, unknown> | null;
/**
 * Native tags only: the customer-accounts extension's Polaris types add `s-*` elements to the
 * global tag map (one tsc program type-checks both), and some of those are not DOM nodes.
 */
export type NativeTag = { [K in keyof HTMLElementTagNameMap]: HTMLElementTagNameMap[K] extends HTMLElement ? K : never }[keyof HTMLElementTagNameMap];

/**
 * `h("button", { type: "button", onclick: go, disabled: true }, "Next")`.
 * `on*` props are listeners, booleans toggle attributes, `class`/`for` map to the attributes.
 */
export function h<K extends NativeTag>(tag: K, props?: Props, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value as EventListener);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Child[]): void {
  for (const child of children) {
    if (Array.isArray(child)) append(el, child);
    else if (child != null && child !== false) el.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}
