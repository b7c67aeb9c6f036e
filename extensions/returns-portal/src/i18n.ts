/**
 * Strings come from the block (Liquid `t` filter, the theme's locale) as JSON, so the
 * bundle carries no language. Placeholders are `{name}` — single braces, which Liquid's
 * own `{{ name }}` interpolation leaves alone.
 */
export type Strings = Record<string, string>;

/** The string for `key` with `{name}` placeholders filled; the key itself if missing. */
export function translate(strings: Strings, key: string, vars?: Record<string, string | number>): string {
  const s = strings[key] ?? key;
  return vars ? s.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : s;
}
