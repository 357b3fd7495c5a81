/**
 * Fix or undo: plan (main returns the diff and its hash) → the user reads it →
 * Apply sends the hash back, so what is written is exactly what was shown →
 * the outcome with ssh -G's proof, or the reason the old file is back.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppState, EditOutcome, EditPreview } from '../../main/shared/ipc-contract.ts';
import { invoke } from './api.ts';
import { useActions, type FixRequest } from './actions.ts';
import { listFormat } from './format.ts';
import { useT } from './i18n.ts';

type Phase =
  | { name: 'loading'; stale: boolean }
  | { name: 'preview'; preview: EditPreview; stale: boolean }
  | { name: 'applying'; preview: EditPreview }
  | { name: 'done'; outcome: EditOutcome }
  | { name: 'failed'; message: string };

export function FixView({ request }: { request: FixRequest; state: AppState }) {
  const actions = useActions();
  const { t, msg, lang } = useT();
  const [phase, setPhase] = useState<Phase>({ name: 'loading', stale: false });
  const heading = useRef<HTMLHeadingElement>(null);

  const plan = async (stale: boolean) => {
    setPhase({ name: 'loading', stale });
    const channel = request.kind === 'fix' ? 'fix:plan' : 'undo:plan';
    const result = await invoke(channel, { hosts: request.hosts });
    if (result.ok) setPhase({ name: 'preview', preview: result.value, stale });
    else setPhase({ name: 'failed', message: msg(result.error.message) });
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
    else setPhase({ name: 'failed', message: msg(result.error.message) });
  };

  const title = request.kind === 'fix' ? t('ui.fix.title-fix') : t('ui.fix.title-undo');
  return (
    <section
      class="subview fix-view"
      aria-labelledby="fix-title"
      aria-busy={phase.name === 'loading' || phase.name === 'applying'}
    >
      <h1 id="fix-title" class="subview-title" tabIndex={-1} ref={heading}>
        {title}
      </h1>
      <p class="meta">{t('ui.fix.hosts', { hosts: listFormat(lang, request.hosts) })}</p>
      <div class="subview-body">
        {phase.name === 'loading' && <p role="status">{t('ui.fix.loading')}</p>}
        {(phase.name === 'preview' || phase.name === 'applying') && (
          <PreviewBody
            preview={phase.preview}
            kind={request.kind}
            stale={phase.name === 'preview' && phase.stale}
          />
        )}
        {phase.name === 'applying' && (
          <p role="status" class="progress-row">
            <progress aria-label={t('ui.fix.applying')} />
            <span>{t('ui.fix.applying')}</span>
          </p>
        )}
        {phase.name === 'done' && <OutcomeBody outcome={phase.outcome} />}
        {phase.name === 'failed' && (
          <p role="alert" class="error-text">
            {t('ui.error.generic', { message: phase.message })}
          </p>
        )}
      </div>
      <div class="subview-actions">
        {phase.name === 'preview' && !phase.preview.nothingToDo && phase.preview.writable && (
          <button type="button" class="button primary" onClick={() => void apply(phase.preview)}>
            {t('ui.fix.apply')}
          </button>
        )}
        {phase.name === 'done' ? (
          <button type="button" class="button primary" onClick={actions.back}>
            {t('ui.fix.close')}
          </button>
        ) : (
          <button type="button" class="button" onClick={actions.back} disabled={phase.name === 'applying'}>
            {t('ui.fix.cancel')}
          </button>
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
}: {
  preview: EditPreview;
  kind: 'fix' | 'undo';
  stale: boolean;
}) {
  const { t } = useT();
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
      <p class="path-line">{t('ui.fix.file', { path: preview.configFile })}</p>
      {!preview.nothingToDo && (
        <p class="path-line">
          {preview.backupDir ? t('ui.fix.backup', { path: preview.backupDir }) : t('ui.fix.no-backup')}
        </p>
      )}
      {preview.nothingToDo ? (
        <p>{t('ui.fix.nothing-to-do')}</p>
      ) : (
        <>
          <p class="muted">{kind === 'fix' ? t('ui.fix.diff-legend-fix') : t('ui.fix.diff-legend-undo')}</p>
          <Diff diff={preview.diff} label={t('ui.fix.diff-label')} />
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
              <li key={index}>{note}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/** The unified diff, one element a line; + and − stay in the text, so it never rests on colour. */
export function Diff({ diff, label }: { diff: string; label: string }) {
  const lines = diff.replace(/\n$/, '').split('\n');
  return (
    <pre class="diff" tabIndex={0} aria-label={label} role="region">
      {lines.map((line, index) => (
        <span key={index} class={`diff-line ${diffClass(line)}`}>
          {line}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}

function diffClass(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---')) return 'diff-file';
  if (line.startsWith('@@')) return 'diff-hunk';
  if (line.startsWith('+')) return 'diff-add';
  if (line.startsWith('-')) return 'diff-del';
  return 'diff-context';
}

function OutcomeBody({ outcome }: { outcome: EditOutcome }) {
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
      {outcome.backupPath && <p class="path-line">{t('ui.fix.backup-kept', { path: outcome.backupPath })}</p>}
    </div>
  );
}
