/**
 * One line, cut in the middle when it does not fit ("examp…le.com"), the whole
 * text on hover. The head shrinks with an ellipsis; the tail always shows.
 * Assistive technology reads the whole text once (the two visible halves are
 * hidden from it: as flex items they would be read as two words).
 */
export function MiddleTruncate({
  text,
  class: className,
  suffix = '',
}: {
  text: string;
  class?: string;
  /** Said after the text, not shown (a row's ", " before its status). */
  suffix?: string;
}) {
  const tailLength = Math.min(8, Math.floor(text.length / 2));
  const head = text.slice(0, text.length - tailLength);
  const tail = text.slice(text.length - tailLength);
  return (
    <span class="middle-truncate" title={text}>
      <span class="visually-hidden">
        <span class={className}>{text}</span>
        {suffix}
      </span>
      <span class="mt-head" aria-hidden="true">
        {head}
      </span>
      <span class="mt-tail" aria-hidden="true">
        {tail}
      </span>
    </span>
  );
}
