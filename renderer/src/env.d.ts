// esbuild bundles imported CSS into popover.css; the import has no value.
declare module '*.css';
