/**
 * Entry: marks for the bench (test/renderer/bench-ui.ts reads them), then the app.
 * The shell paints before the first state arrives, so the window is never blank.
 */
import { render } from 'preact';
import { App } from './app.tsx';
import './popover.css';

performance.mark('popover:script-start');
const root = document.getElementById('root');
if (root) {
  // The static shell from index.html goes; the app renders the same header in its place.
  root.replaceChildren();
  render(
    <App
      onFirstState={() => {
        performance.mark('popover:first-state-rendered');
        requestAnimationFrame(() => performance.mark('popover:first-state-frame'));
      }}
    />,
    root,
  );
  performance.mark('popover:shell-rendered');
}
