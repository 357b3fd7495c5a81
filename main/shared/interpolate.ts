/**
 * `{{name}}` → the parameter, i18next style; an unknown name stays visible
 * rather than vanishing. The one filler behind the core's English text, the
 * controller's messages and the popover's catalogs, so they never disagree.
 */
/** A message's parameters: values, never English. The one definition (core, app and popover use it). */
export type MessageParams = Record<string, string | number | boolean | null>;
export type TemplateParams = Readonly<MessageParams>;

export function interpolate(template: string, params: TemplateParams): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}
