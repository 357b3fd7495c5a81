import { createContext } from 'preact';
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
