/**
 * One line, cut in the middle when it does not fit ("examp…le.com"), the whole
 * text on hover. The head shrinks with an ellipsis; the tail always shows.
 */
export function MiddleTruncate({ text, class: className }: { text: string; class?: string }) {
  const tailLength = Math.min(8, Math.floor(text.length / 2));
  const head = text.slice(0, text.length - tailLength);
  const tail = text.slice(text.length - tailLength);
  return (
    <span class={`middle-truncate ${className ?? ''}`} title={text}>
      <span class="mt-head">{head}</span>
      <span class="mt-tail">{tail}</span>
    </span>
  );
}
