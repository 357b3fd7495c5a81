/**
 * Fix or undo: plan (main returns the diff and its hash) → the user reads it →
 * Apply sends the hash back, so what is written is exactly what was shown →
 * the outcome with ssh -G's proof, or the reason the old file is back.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppState, EditOutcome, EditPreview } from '../../main/shared/ipc-contract.ts';
import { invoke } from './api.ts';
import { useActions, type FixRequest } from './actions.ts';
import { listFormat, macPath } from './format.ts';
import { useT } from './i18n.ts';
import { TitleBar } from './title-bar.tsx';
import { MiddleTruncate } from './truncate.tsx';

type Phase =
  | { name: 'loading'; stale: boolean }
  | { name: 'preview'; preview: EditPreview; stale: boolean }
  | { name: 'applying'; preview: EditPreview }
  | { name: 'done'; outcome: EditOutcome }
  | { name: 'failed' };

/** The lines a diff adds (fix) or removes (undo): the default button says how many. */
export function changedLineCount(diff: string, kind: 'fix' | 'undo'): number {
  const mark = kind === 'fix' ? '+' : '-';
  return diff.split('\n').filter((line) => line.startsWith(mark) && !line.startsWith(mark.repeat(3))).length;
}

export function FixView({ request, state }: { request: FixRequest; state: AppState }) {
  const actions = useActions();
  const { t, msg, lang } = useT();
  const [phase, setPhase] = useState<Phase>({ name: 'loading', stale: false });
  const heading = useRef<HTMLHeadingElement>(null);

  const plan = async (stale: boolean) => {
    setPhase({ name: 'loading', stale });
    const channel = request.kind === 'fix' ? 'fix:plan' : 'undo:plan';
    const result = await invoke(channel, { hosts: request.hosts });
    // The reason is in the log; the view says what it means and what to do, never main's own text.
    if (result.ok) setPhase({ name: 'preview', preview: result.value, stale });
    else if (result.error.code === 'busy') actions.failed(result.error);
    else setPhase({ name: 'failed' });
  };

  useEffect(() => {
    void plan(false);
    heading.current?.focus();
  }, []);

  const apply = async (preview: EditPreview) => {
    setPhase({ name: 'applying', preview });
    const channel = request.kind === 'fix' ? 'fix:apply' : 'undo:apply';
    const result = await invoke(channel, { hosts: preview.hosts, planHash: preview.planHash });
    if (result.ok) setPhase({ name: 'done', outcome: result.value });
    else if (result.error.code === 'stale-plan') await plan(true);
    else setPhase({ name: 'failed' });
  };

  const canApply = phase.name === 'preview' && !phase.preview.nothingToDo && phase.preview.writable;
  // Return confirms (the default button), wherever focus is but on another button or a disclosure.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
    const target = event.target as HTMLElement;
    if (target.closest('button, summary, a, input, select, textarea')) return;
    event.preventDefault();
    if (canApply) void apply(phase.preview);
    else if (phase.name === 'done') actions.back();
  };

  const title = request.kind === 'fix' ? t('ui.fix.title-fix') : t('ui.fix.title-undo');
  const applyLabel =
    phase.name === 'preview'
      ? t(request.kind === 'fix' ? 'ui.fix.apply-add' : 'ui.fix.apply-remove', {
          count: changedLineCount(phase.preview.diff, request.kind),
        })
      : '';
  return (
    <section
      class="subview fix-view"
      aria-labelledby="fix-title"
      aria-busy={phase.name === 'loading' || phase.name === 'applying'}
      onKeyDown={onKeyDown}
    >
      <TitleBar
        id="fix-title"
        title={title}
        onBack={actions.back}
        backDisabled={phase.name === 'applying'}
        headingRef={heading}
      />
      <p class="meta subview-meta">{t('ui.fix.hosts', { hosts: listFormat(lang, request.hosts) })}</p>
      <div class="subview-body">
        {phase.name === 'loading' && <p role="status">{t('ui.fix.loading')}</p>}
        {(phase.name === 'preview' || phase.name === 'applying') && (
          <PreviewBody
            preview={phase.preview}
            kind={request.kind}
            stale={phase.name === 'preview' && phase.stale}
            configFile={state.configFile}
          />
        )}
        {phase.name === 'applying' && (
          <p role="status" class="progress-row">
            <progress aria-label={t('ui.fix.applying')} />
            <span>{t('ui.fix.applying')}</span>
          </p>
        )}
        {phase.name === 'done' && <OutcomeBody outcome={phase.outcome} configFile={state.configFile} />}
        {phase.name === 'failed' && (
          <p role="alert" class="error-text">
            {t('ui.fix.failed')}
          </p>
        )}
      </div>
      {/* Mac order: Cancel on the left, the default button (named by its verb) on the right. */}
      <div class="subview-actions">
        {phase.name === 'done' ? (
          <button type="button" class="button primary nowrap" onClick={actions.back}>
            {t('ui.fix.close')}
          </button>
        ) : (
          <>
            <button
              type="button"
              class="button nowrap"
              onClick={actions.back}
              disabled={phase.name === 'applying'}
            >
              {t('ui.fix.cancel')}
            </button>
            {canApply && (
              <button type="button" class="button primary nowrap" onClick={() => void apply(phase.preview)}>
                {applyLabel}
              </button>
            )}
          </>
        )}
      </div>
      {phase.name === 'done' && (
        <span class="visually-hidden" role="status">
          {msg(phase.outcome.message)}
        </span>
      )}
    </section>
  );
}

function PreviewBody({
  preview,
  kind,
  stale,
  configFile,
}: {
  preview: EditPreview;
  kind: 'fix' | 'undo';
  stale: boolean;
  configFile: string;
}) {
  const { t } = useT();
  const mac = (path: string) => macPath(path, configFile);
  return (
    <>
      {stale && (
        <p role="alert" class="warning-text">
          {t('ui.fix.stale')}
        </p>
      )}
      <ul class="decisions">
        {preview.decisions.map((decision) => (
          <li key={decision.host}>{t(`ui.fix.decision.${decision.action}`, { host: decision.host })}</li>
        ))}
      </ul>
      <p class="path-line">{t('ui.fix.file', { path: mac(preview.configFile) })}</p>
      {!preview.nothingToDo && (
        <p class="path-line">
          {preview.backupDir ? t('ui.fix.backup', { path: mac(preview.backupDir) }) : t('ui.fix.no-backup')}
        </p>
      )}
      {preview.nothingToDo ? (
        <p>{t('ui.fix.nothing-to-do')}</p>
      ) : (
        <>
          <p class="muted">{kind === 'fix' ? t('ui.fix.diff-legend-fix') : t('ui.fix.diff-legend-undo')}</p>
          <Diff
            diff={preview.diff}
            label={t('ui.fix.diff-label')}
            hunk={(line) => t('ui.fix.hunk', { line })}
          />
        </>
      )}
      {!preview.writable && preview.manual && (
        <>
          <p class="warning-text">{t('ui.fix.not-writable')}</p>
          <pre class="manual" tabIndex={0}>
            {preview.manual}
          </pre>
        </>
      )}
      {preview.notes.length > 0 && (
        <details class="notes">
          <summary>{t('ui.fix.notes')}</summary>
          <ul>
            {preview.notes.map((note, index) => (
              <li key={index} lang="en">
                {note}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/**
 * The unified diff, one element a line; + and − stay in the text, so it never rests on colour.
 * The file header lines go (the file is named above it); a hunk header says "Near line 12".
 */
export function Diff({ diff, label, hunk }: { diff: string; label: string; hunk: (line: number) => string }) {
  const lines = diff
    .replace(/\n$/, '')
    .split('\n')
    .filter((line) => !line.startsWith('+++') && !line.startsWith('---'));
  return (
    <pre class="diff" tabIndex={0} aria-label={label} role="region">
      {lines.map((line, index) => {
        const at = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(line);
        return (
          <span key={index} class={`diff-line ${diffClass(line)}`}>
            {at ? hunk(Number(at[1])) : line}
            {'\n'}
          </span>
        );
      })}
    </pre>
  );
}

function diffClass(line: string): string {
  if (line.startsWith('@@')) return 'diff-hunk';
  if (line.startsWith('+')) return 'diff-add';
  if (line.startsWith('-')) return 'diff-del';
  return 'diff-context';
}

function OutcomeBody({ outcome, configFile }: { outcome: EditOutcome; configFile: string }) {
  const { t, msg } = useT();
  const headline =
    outcome.status === 'verified'
      ? outcome.kind === 'fix'
        ? t('ui.fix.verified')
        : t('ui.fix.verified-undo')
      : outcome.status === 'restored'
        ? t('ui.fix.restored')
        : outcome.status === 'refused'
          ? t('ui.fix.refused')
          : t('ui.fix.nothing-done');
  return (
    <div class={`outcome outcome-${outcome.status}`}>
      <p class="outcome-headline">{headline}</p>
      <p>{msg(outcome.message)}</p>
      {outcome.proof.length > 0 && (
        <>
          <h2 class="sub-title">{t('ui.fix.proof-label')}</h2>
          <ul class="proof">
            {outcome.proof.map((line) => (
              <li key={line.alias}>
                <code>{t('ui.fix.proof-line', { alias: line.alias, ipqos: line.ipqos })}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      {outcome.backupPath && (
        <div class="backup-line">
          <span class="path-line nowrap">{t('ui.fix.backup-kept')}</span>
          <MiddleTruncate text={macPath(outcome.backupPath, configFile)} />
          <button
            type="button"
            class="button nowrap"
            onClick={() => void invoke('app:show-in-finder', { path: outcome.backupPath ?? '' })}
          >
            {t('ui.fix.show-in-finder')}
          </button>
        </div>
      )}
    </div>
  );
}
