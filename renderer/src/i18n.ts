import { createContext, h, type VNode } from 'preact';
import { useContext } from 'preact/hooks';
import type { UiKey, UiKeyBase } from '../../main/shared/i18n/catalog-en.ts';
import { t, translate, type Lang, type Params } from '../../main/shared/i18n/translate.ts';
import type { Message } from '../../main/shared/ipc-contract.ts';

export const LangContext = createContext<Lang>('en');

export interface Translator {
  lang: Lang;
  t(key: UiKey | UiKeyBase, params?: Params): string;
  msg(message: Message): string;
}

export function useT(): Translator {
  const lang = useContext(LangContext);
  return {
    lang,
    t: (key, params) => t(lang, key, params),
    msg: (message) => translate(lang, message),
  };
}

/**
 * Text with its quoted labels (「今すぐチェック」, “Broken pipe”) kept on one line: a label the
 * user looks for on a button must not break across lines.
 */
export function keepQuotes(text: string): Array<string | VNode<unknown>> {
  const parts = text.split(/(「[^」]{1,40}」|“[^”]{1,40}”)/);
  return parts.map((part, index) =>
    index % 2 === 1 ? (h('span', { class: 'nowrap', key: index }, part) as VNode<unknown>) : part,
  );
}
