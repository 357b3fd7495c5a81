/** A sub-view's title bar: ‹ Back on the left, as in System Settings, and the title. */
import type { Ref } from 'preact';
import { useT } from './i18n.ts';

export function TitleBar(props: {
  id: string;
  title: string;
  onBack: () => void;
  backDisabled?: boolean;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const { t } = useT();
  return (
    <header class="titlebar">
      <button type="button" class="back-button" onClick={props.onBack} disabled={props.backDisabled}>
        <span aria-hidden="true">‹ </span>
        {t('ui.why.back')}
      </button>
      <h1 id={props.id} class="subview-title" tabIndex={-1} ref={props.headingRef}>
        {props.title}
      </h1>
    </header>
  );
}
