// The import wizard: choose a source -> preview (counts by kind, five notes as they will look, duplicates, skipped
// files and why, estimated embedding time) -> run with progress and cancel -> the final report, which can be saved.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ImportPreview, ImportReport } from '../../../shared/ipc-contract';
import { formatCount, formatShortDate } from '../lib/format';
import { IMPORT_FORMATS, useImportStore, type ImportFormatChoice } from '../stores/import-store';
import { useNotesStore, type BrowseScope } from '../stores/notes-store';
import { useSourcesStore } from '../stores/sources-store';
import { useUiStore } from '../stores/ui-store';
import { formatDuration } from './reembed-wizard';

const FORMAT_LABELS: Record<ImportFormatChoice, string> = {
  auto: 'Detect automatically',
  markdown: 'Markdown folder',
  obsidian: 'Obsidian vault',
  text: 'Plain text',
  html: 'HTML',
  pdf: 'PDF',
  json: 'JSON / JSONL',
  enex: 'Evernote (.enex)',
  chatgpt: 'ChatGPT export (conversations.json)',
};

/** The Import page. */
export function ImportView() {
  const step = useImportStore((s) => s.step);
  useEffect(() => {
    void useImportStore.getState().checkUnfinished();
  }, []);
  const steps = ['Choose', 'Preview', 'Import', 'Report'];
  const at = step === 'choose' ? 0 : step === 'preview' ? 1 : step === 'running' ? 2 : 3;
  return (
    <div className="page" role="region" aria-labelledby="import-title">
      <div className="page-inner">
        <h1 id="import-title" className="page-title">
          Import notes
        </h1>
        <ol className="steps" aria-label="Steps">
          {steps.map((label, i) => (
            <li key={label} className={i === at ? 'current' : i < at ? 'done' : ''} aria-current={i === at ? 'step' : undefined}>
              {label}
            </li>
          ))}
        </ol>
        <UnfinishedImports />
        {(step === 'choose' || step === 'preview') && <ChooseSource />}
        {step === 'preview' && <PreviewPanel />}
        <ForgetConfirmation />
        {step === 'running' && <RunningPanel />}
        {step === 'report' && <ReportPanel />}
      </div>
    </div>
  );
}

/** Interrupted imports with Resume / Discard (also shown at start, above the list). */
export function UnfinishedImports({ compact = false }: { compact?: boolean }) {
  const { unfinished, resume, discard, step } = useImportStore(
    useShallow((s) => ({ unfinished: s.unfinished, resume: s.resume, discard: s.discard, step: s.step })),
  );
  if (unfinished.length === 0 || step === 'running') return null;
  return (
    <div className={`banner banner-warn unfinished ${compact ? 'compact' : ''}`} role="region" aria-label="Unfinished imports">
      {unfinished.map((job) => (
        <div key={job.jobId} className="unfinished-row">
          <span>
            An import of <span className="mono">{job.path}</span> stopped after {formatCount(job.filesDone)} {job.filesDone === 1 ? 'file' : 'files'} (
            {formatShortDate(job.updatedAt)}).
          </span>
          <span className="unfinished-actions">
            <button type="button" className="btn btn-small btn-primary" onClick={() => void resume(job.jobId)}>
              Resume
            </button>
            <button type="button" className="btn btn-small" onClick={() => void discard(job.jobId)}>
              Discard
            </button>
          </span>
        </div>
      ))}
    </div>
  );
}

/** "Connect folder…": the same folder, kept current as it is edited elsewhere, instead of copied once. */
function ConnectInstead({ path }: { path: string }) {
  return (
    <button
      type="button"
      className="btn"
      title="Keep a folder or vault in Engram as you edit it elsewhere, instead of copying it once"
      onClick={() => {
        if (path.trim()) useSourcesStore.getState().setPath(path.trim());
        useUiStore.getState().setView('sources');
      }}
    >
      Connect folder…
    </button>
  );
}

function ChooseSource() {
  const { path, format, previewing, error, step, setPath, setFormat, pick, makePreview } = useImportStore(
    useShallow((s) => ({
      path: s.path,
      format: s.format,
      previewing: s.previewing,
      error: s.error,
      step: s.step,
      setPath: s.setPath,
      setFormat: s.setFormat,
      pick: s.pick,
      makePreview: s.makePreview,
    })),
  );
  return (
    <form
      className="card"
      aria-label="Source"
      onSubmit={(e) => {
        e.preventDefault();
        void makePreview();
      }}
    >
      <h2 className="card-title">Source</h2>
      <p className="card-hint">A folder of Markdown or text files, an Obsidian vault, or an export file. Nothing is changed in the source.</p>
      <div className="source-row">
        <input
          className="text-input grow mono"
          aria-label="Source path"
          placeholder="/path/to/folder, vault or file"
          value={path}
          spellCheck={false}
          onChange={(e) => setPath(e.target.value)}
        />
        <button type="button" className="btn" onClick={() => void pick('folder')}>
          Choose folder…
        </button>
        <button type="button" className="btn" onClick={() => void pick('file')}>
          Choose file…
        </button>
        <ConnectInstead path={path} />
      </div>
      <div className="source-row">
        <label className="inline-field">
          <span>Format</span>
          <select className="text-input" aria-label="Format" value={format} onChange={(e) => setFormat(e.target.value as ImportFormatChoice)}>
            {IMPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </label>
        <span className="grow" />
        <button type="submit" className={`btn ${step === 'choose' ? 'btn-primary' : ''}`} disabled={previewing || !path.trim()}>
          {previewing ? 'Reading files…' : step === 'preview' ? 'Preview again' : 'Preview'}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function Counts({ counts, labels }: { counts: Record<string, number>; labels: readonly [string, string][] }) {
  return (
    <dl className="count-grid">
      {labels.map(([key, label]) => (
        <div key={key} className="count-cell">
          <dt>{label}</dt>
          <dd data-count={key}>{formatCount(counts[key] ?? 0)}</dd>
        </div>
      ))}
    </dl>
  );
}

function ProblemList({ title, items }: { title: string; items: readonly { path: string; reason: string }[] }) {
  if (items.length === 0) return null;
  return (
    <details className="problem-list" open={items.length <= 8}>
      <summary>
        {title} ({formatCount(items.length)})
      </summary>
      <ul>
        {items.slice(0, 200).map((item, i) => (
          <li key={`${item.path}-${i}`}>
            <span className="mono small">{item.path}</span> <span className="muted">— {item.reason}</span>
          </li>
        ))}
        {items.length > 200 && <li className="muted">… and {formatCount(items.length - 200)} more (in the saved report)</li>}
      </ul>
    </details>
  );
}

/** The start of a sample's body, without a first heading that repeats its title. */
function sampleText(title: string, body: string, truncated: boolean): string {
  const heading = /^\s*#{1,6}\s+(.*?)\s*#*\s*(\n|$)/.exec(body);
  const text = (heading && heading[1]?.trim().toLowerCase() === title.trim().toLowerCase() ? body.slice(heading[0].length) : body).trim();
  return text.length > 280 || truncated ? `${text.slice(0, 280).trimEnd()}…` : text;
}

function PreviewPanel() {
  const { preview, run, forgetMissing } = useImportStore(useShallow((s) => ({ preview: s.preview, run: s.run, forgetMissing: s.forgetMissing })));
  if (!preview) return null;
  const p: ImportPreview = preview;
  const kinds = Object.entries(p.counts.byKind).filter(([, n]) => (n ?? 0) > 0);
  const nothing = p.counts.imported + p.counts.updated === 0;
  return (
    <section className="card" aria-label="Preview">
      <h2 className="card-title">Preview</h2>
      <p className="card-hint">
        {p.source.format === 'mixed' ? 'A folder of mixed files' : FORMAT_LABELS[p.source.format as ImportFormatChoice] ?? p.source.format}
        {kinds.length > 0 && <> · {kinds.map(([k, n]) => `${formatCount(n ?? 0)} ${k}`).join(', ')}</>}
      </p>
      <Counts
        counts={p.counts as unknown as Record<string, number>}
        labels={[
          ['imported', 'New'],
          ['updated', 'Changed'],
          ['unchanged', 'Already imported'],
          ['skipped', 'Skipped'],
          ['failed', 'Failed'],
        ]}
      />
      <p className="estimate">
        Embedding: {formatCount(p.estimate.chunks)} passages
        {p.estimate.seconds !== null && <> · {formatDuration(p.estimate.seconds)} in the background</>}
        {p.estimate.chunksPerSecond !== null && <span className="muted"> ({Math.round(p.estimate.chunksPerSecond)} passages/s measured)</span>}. Notes are searchable by
        words as soon as they are stored.
      </p>
      {p.resumes && (
        <p className="banner banner-warn">
          This continues an interrupted import ({formatCount(p.resumes.filesDone)} files already done).
        </p>
      )}
      {p.samples.length > 0 && (
        <>
          <h3 className="sub-title">How your notes will look</h3>
          <ul className="samples" aria-label="Sample notes">
            {p.samples.map((note, i) => (
              <li key={`${note.source.path}-${i}`} className="sample">
                <div className="sample-title">{note.title || 'Untitled'}</div>
                <div className="sample-meta muted small">
                  {note.createdAt && <>{formatShortDate(note.createdAt)} · </>}
                  {note.tags.map((t) => `#${t}`).join(' ')}
                  {note.links.length > 0 && <> · {note.links.length} links</>}
                </div>
                <div className="sample-body">{sampleText(note.title, note.body, note.truncated)}</div>
              </li>
            ))}
          </ul>
        </>
      )}
      <ProblemList title="Duplicates that will be left alone" items={p.unchanged} />
      <ProblemList title="Files that will be skipped" items={p.skipped} />
      <ProblemList title="Files that cannot be read" items={p.failed} />
      <ProblemList title="Notes that will be imported with a warning" items={p.warnings} />
      <MissingChoice preview={p} />
      <div className="card-actions">
        <button type="button" className="btn btn-primary" onClick={() => void run()} disabled={nothing && p.failed.length === 0 && !p.resumes && !(forgetMissing && p.missing.length > 0)}>
          {nothing ? (forgetMissing && p.missing.length > 0 ? 'Forget the missing notes' : 'Nothing new to import') : `Import ${formatCount(p.counts.imported + p.counts.updated)} notes`}
        </button>
      </div>
    </section>
  );
}

/** Notes whose files are gone: listed, with the choice to forget them (not offered when the source looks unavailable). */
function MissingChoice({ preview }: { preview: ImportPreview }) {
  const { forgetMissing, setForgetMissing } = useImportStore(useShallow((s) => ({ forgetMissing: s.forgetMissing, setForgetMissing: s.setForgetMissing })));
  const n = preview.missing.length;
  if (n === 0) return null;
  return (
    <div className="missing-choice" role="group" aria-labelledby="missing-title">
      <h3 id="missing-title" className="sub-title">
        {formatCount(n)} {n === 1 ? 'note came from a file that is' : 'notes came from files that are'} gone
      </h3>
      <ProblemList title="Notes whose files are gone" items={preview.missing.map((m) => ({ path: m.path, reason: m.title }))} />
      {preview.forget.action === 'refuse' ? (
        <p className="banner banner-warn" role="note">
          {preview.forget.reason}
        </p>
      ) : (
        <label className="check-row">
          <input type="checkbox" checked={forgetMissing} onChange={(e) => setForgetMissing(e.target.checked)} />
          <span>
            Forget {n === 1 ? 'it' : 'them'} as part of this import{' '}
            <span className="muted">(forgotten notes stay restorable{preview.forget.action === 'confirm' ? '; you will be asked to confirm' : ''})</span>
          </span>
        </label>
      )}
    </div>
  );
}

/**
 * Asks before forgetting more than a small share of a source's notes at once (forget-guard.ts): a folder emptied by
 * a sync client or a drive half-mounted looks just like files deleted on purpose. "Keep them" is the default.
 */
function ForgetConfirmation() {
  const { open, preview, confirm, cancel } = useImportStore(
    useShallow((s) => ({ open: s.confirmingForget, preview: s.preview, confirm: s.confirmForget, cancel: s.cancelForget })),
  );
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) keep.current?.focus();
  }, [open]);
  if (!open || !preview || preview.forget.action !== 'confirm') return null;
  const n = preview.missing.length;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    }
  };
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && cancel()}>
      <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby="forget-title" aria-describedby="forget-reason" onKeyDown={onKeyDown}>
        <div className="modal-head">
          <h2 id="forget-title">
            Forget {formatCount(n)} {n === 1 ? 'note' : 'notes'}?
          </h2>
        </div>
        <div className="modal-body">
          <p id="forget-reason">{preview.forget.reason}</p>
          <p className="muted">
            Forgotten notes leave search and lists, and can be restored from Forgotten. If the folder is on a drive or synced, check that
            it is all there first.
          </p>
        </div>
        <div className="modal-actions">
          <button ref={keep} type="button" className="btn btn-primary" onClick={cancel}>
            Keep them
          </button>
          <button type="button" className="btn btn-danger-quiet" onClick={() => void confirm()}>
            Forget {formatCount(n)} {n === 1 ? 'note' : 'notes'} and import
          </button>
        </div>
      </div>
    </div>
  );
}

function Bar({ label, value, text }: { label: string; value: number; text: string }) {
  const pct = Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <div className="bar-row">
      <span className="bar-label">{label}</span>
      <div className="big-progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <span className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="bar-text muted">{text}</span>
    </div>
  );
}

function RunningPanel() {
  const { progress, cancel, cancelling, path } = useImportStore(
    useShallow((s) => ({ progress: s.progress, cancel: s.cancel, cancelling: s.cancelling, path: s.path })),
  );
  const files = progress?.filesTotal ?? 0;
  const embedTotal = (progress?.embeddings.done ?? 0) + (progress?.embeddings.pending ?? 0);
  return (
    <section className="card" aria-label="Importing" aria-busy="true">
      <h2 className="card-title">Importing</h2>
      <p className="card-hint mono">{path}</p>
      <Bar label="Files parsed" value={files ? (progress?.filesParsed ?? 0) / files : 0} text={`${formatCount(progress?.filesParsed ?? 0)} of ${formatCount(files)}`} />
      <Bar label="Notes stored" value={progress?.value ?? 0} text={formatCount(progress?.notesStored ?? 0)} />
      <Bar
        label="Embeddings"
        value={embedTotal ? (progress?.embeddings.done ?? 0) / embedTotal : 0}
        text={`${formatCount(progress?.embeddings.done ?? 0)} of ${formatCount(embedTotal)}`}
      />
      {progress?.file && progress.file.done < progress.file.total && (
        <Bar
          label="Pages read"
          value={progress.file.done / progress.file.total}
          text={`${formatCount(progress.file.done)} of ${formatCount(progress.file.total)} · ${progress.file.path.split(/[\\/]/).pop()}`}
        />
      )}
      <p className="muted small">{progress ? `Phase: ${progress.phase}` : 'Scanning the source…'} · you can keep using Engram meanwhile.</p>
      <div className="card-actions">
        <button type="button" className="btn btn-danger-quiet" onClick={() => void cancel()} disabled={cancelling}>
          {cancelling ? 'Stopping after this batch…' : 'Cancel import'}
        </button>
      </div>
    </section>
  );
}

/** Characters of the report's JSON shown in the page; the saved report has all of it. */
const REPORT_JSON_CHARS = 100_000;

/**
 * The report as JSON, made only while it is open: a 10k-note report is megabytes of text, and rendering it (even
 * hidden in a closed <details>) was one long frame when the report appeared. Shown up to REPORT_JSON_CHARS.
 */
function ReportJson({ report }: { report: ImportReport }) {
  const [open, setOpen] = useState(false);
  const json = useMemo(() => (open ? JSON.stringify(report, null, 2) : ''), [open, report]);
  return (
    <details className="problem-list" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Report as JSON</summary>
      {open && (
        <pre className="report-json" aria-label="Report JSON">
          {json.length > REPORT_JSON_CHARS ? `${json.slice(0, REPORT_JSON_CHARS)}\n… (${formatCount(json.length - REPORT_JSON_CHARS)} more characters: use Save report… for all of it)` : json}
        </pre>
      )}
    </details>
  );
}

/** The notes a report stored (imported or updated), as a scope for the recent list. */
function storedScope(report: ImportReport): BrowseScope | null {
  const ids = [...report.imported, ...report.updated].map((e) => e.noteId).filter((id): id is number => id !== null);
  return ids.length > 0 ? { label: 'Imported', title: `Imported from ${report.source.path}`, ids } : null;
}

function ReportPanel() {
  const { report, saveReport, reset, savedTo } = useImportStore(
    useShallow((s) => ({ report: s.report, saveReport: s.saveReport, reset: s.reset, savedTo: s.savedTo })),
  );
  const showScope = useNotesStore((s) => s.showScope);
  const scope = useMemo(() => (report ? storedScope(report) : null), [report]);
  if (!report) return null;
  const r: ImportReport = report;
  return (
    <section className="card" aria-label="Import report">
      <h2 className="card-title">{r.state === 'completed' ? 'Import finished' : 'Import cancelled'}</h2>
      <p className="card-hint">
        <span className="mono">{r.source.path}</span> · {(r.tookMs / 1000).toFixed(1)} s{r.resumed ? ' · resumed' : ''}
        {r.state === 'cancelled' && ' · run it again to continue where it stopped'}
      </p>
      <Counts
        counts={r.counts as unknown as Record<string, number>}
        labels={[
          ['imported', 'Imported'],
          ['updated', 'Updated'],
          ['unchanged', 'Unchanged'],
          ['skipped', 'Skipped'],
          ['failed', 'Failed'],
        ]}
      />
      {r.embeddingsPending > 0 && <p className="muted">{formatCount(r.embeddingsPending)} passages are being embedded in the background; they match by words until then.</p>}
      <ProblemList title="Updated" items={r.updated.map((e) => ({ path: e.path, reason: e.reason }))} />
      <ProblemList title="Skipped" items={r.skipped} />
      <ProblemList title="Failed" items={r.failed} />
      <ProblemList title="Imported with a warning" items={r.warnings} />
      {r.forgetHeld && (
        <p className="banner banner-warn" role="note">
          {r.forgetHeld}
        </p>
      )}
      {r.missing.length > 0 && (
        <ProblemList title="No longer in the source" items={r.missing.map((m) => ({ path: m.path, reason: m.forgotten ? 'forgotten (restorable)' : 'kept' }))} />
      )}
      <ReportJson report={r} />
      <div className="card-actions">
        <button type="button" className="btn" onClick={() => void saveReport()}>
          Save report…
        </button>
        {savedTo && <span className="muted small">Saved to {savedTo}</span>}
        <span className="grow" />
        <button type="button" className="btn" onClick={reset}>
          Import more
        </button>
        {scope && (
          <button type="button" className="btn btn-primary" onClick={() => showScope(scope)}>
            Show imported notes
          </button>
        )}
      </div>
    </section>
  );
}
