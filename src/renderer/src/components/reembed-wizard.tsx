// The re-embed wizard (a dialog over Settings): pick a model -> plan -> build beside the active space with progress
// and ETA (pause, resume, cancel) -> switched, with the undo period and an Undo button.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatBytes, formatCount, formatLongDate, providerName } from '../lib/format';
import { useReembedStore } from '../stores/reembed-store';
import { useSettingsStore } from '../stores/settings-store';

/** "about 3 min", "12 s". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return 'unknown';
  if (seconds < 1) return 'under a second';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `about ${Math.round(seconds / 60)} min`;
  return `about ${(seconds / 3600).toFixed(1)} h`;
}

/** The dialog. */
export function ReembedWizard() {
  const { step, close, error } = useReembedStore(useShallow((s) => ({ step: s.step, close: s.closeWizard, error: s.error })));
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('input, select, button.btn-primary')?.focus();
  }, [step]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  };
  const steps = ['Choose a model', 'Plan', 'Re-embed'];
  const at = step === 'pick' ? 0 : step === 'plan' ? 1 : 2;
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div ref={dialog} className="modal" role="dialog" aria-modal="true" aria-labelledby="reembed-title" onKeyDown={onKeyDown}>
        <div className="modal-head">
          <h2 id="reembed-title">Re-embed your notes</h2>
          <button type="button" className="icon-btn modal-close" aria-label="Close" onClick={close}>
            ×
          </button>
        </div>
        <ol className="steps" aria-label="Steps">
          {steps.map((label, i) => (
            <li key={label} className={i === at ? 'current' : i < at ? 'done' : ''} aria-current={i === at ? 'step' : undefined}>
              {label}
            </li>
          ))}
        </ol>
        {step === 'pick' && <PickStep />}
        {step === 'plan' && <PlanStep />}
        {step === 'progress' && <ProgressStep />}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

function PickStep() {
  const { draft, setDraft, makePlan, planning } = useReembedStore(
    useShallow((s) => ({ draft: s.draft, setDraft: s.setDraft, makePlan: s.makePlan, planning: s.planning })),
  );
  const doctor = useSettingsStore((s) => s.doctor);
  const models = doctor?.embeddingModels ?? [];
  const value = draft.provider === 'builtin' ? 'builtin' : `ollama:${draft.model}`;
  const known = models.some((m) => m.name.replace(/:latest$/, '') === draft.model);
  return (
    <form
      className="modal-body"
      onSubmit={(e) => {
        e.preventDefault();
        void makePlan();
      }}
    >
      <p className="muted">Search keeps working with the current model while the new one is built beside it.</p>
      <label className="field">
        <span>Model</span>
        <select
          aria-label="Model"
          className="text-input"
          value={draft.provider === 'ollama' && !draft.model ? '' : value}
          onChange={(e) => {
            const v = e.target.value;
            if (v === 'builtin') setDraft({ provider: 'builtin', model: '', dimensions: '' });
            else setDraft({ provider: 'ollama', model: v.slice('ollama:'.length), dimensions: '' });
          }}
        >
          <option value="" disabled>
            Choose a model…
          </option>
          <option value="builtin">Built-in model (universal-sentence-encoder-lite, 512 dimensions)</option>
          {models.map((m) => {
            const bare = m.name.replace(/:latest$/, '');
            return (
              <option key={m.name} value={`ollama:${bare}`}>
                Ollama · {bare}
                {m.dimensions ? ` (${m.dimensions} dimensions)` : ''}
              </option>
            );
          })}
          {draft.provider === 'ollama' && draft.model && !known && <option value={`ollama:${draft.model}`}>Ollama · {draft.model}</option>}
        </select>
      </label>
      {models.length === 0 && <p className="muted small">No Ollama embedding models found; check the Ollama section of Settings.</p>}
      {draft.provider === 'ollama' && (
        <label className="field">
          <span>Dimensions (optional)</span>
          <input
            aria-label="Dimensions"
            className="text-input"
            inputMode="numeric"
            placeholder="full width"
            value={draft.dimensions}
            onChange={(e) => setDraft({ dimensions: e.target.value.replace(/[^\d]/g, '') })}
          />
          <span className="muted small">Fewer dimensions of a Matryoshka model take less disk and can be derived without the model.</span>
        </label>
      )}
      <div className="modal-actions">
        <button type="submit" className="btn btn-primary" disabled={planning || (draft.provider === 'ollama' && !draft.model)}>
          {planning ? 'Planning…' : 'Next: see the plan'}
        </button>
      </div>
    </form>
  );
}

function PlanStep() {
  const { plan, planning, starting, start, back } = useReembedStore(
    useShallow((s) => ({ plan: s.plan, planning: s.planning, starting: s.starting, start: s.start, back: s.back })),
  );
  return (
    <div className="modal-body">
      {planning && <p className="muted">Measuring the model with a short probe…</p>}
      {plan && (
        <>
          <dl className="facts" aria-label="Re-embed plan">
            <dt>Model</dt>
            <dd>
              <strong>{plan.chosen.model}</strong> <span className="muted">· {providerName(plan.chosen.provider)} · {plan.chosen.dimensions} dimensions</span>
            </dd>
            <dt>Passages</dt>
            <dd>{formatCount(plan.chunks)}</dd>
            <dt>Estimated time</dt>
            <dd>{plan.sameAsActive ? '–' : plan.derived ? 'Derived from stored vectors, no model calls' : formatDuration(plan.estimatedSeconds)}</dd>
            <dt>Disk needed</dt>
            <dd>{formatBytes(plan.estimatedBytes)}</dd>
          </dl>
          <p className={plan.sameAsActive ? 'banner banner-warn' : 'plan-message'} role="status">
            {plan.sameAsActive ? 'This is already the active model: there is nothing to re-embed.' : plan.message}
          </p>
        </>
      )}
      <div className="modal-actions">
        <button type="button" className="btn" onClick={back}>
          Back
        </button>
        <button type="button" className="btn btn-primary" disabled={!plan || plan.sameAsActive || starting} onClick={() => void start()}>
          {starting ? 'Starting…' : 'Start re-embed'}
        </button>
      </div>
    </div>
  );
}

function ProgressStep() {
  const { status, switched, undone, pause, resume, cancel, undo, close } = useReembedStore(
    useShallow((s) => ({
      status: s.status,
      switched: s.switched,
      undone: s.undone,
      pause: s.pause,
      resume: s.resume,
      cancel: s.cancel,
      undo: s.undo,
      close: s.closeWizard,
    })),
  );
  if (!status) {
    return (
      <div className="modal-body">
        <p className="muted" role="status">
          Starting…
        </p>
      </div>
    );
  }
  const building = status?.building ?? null;
  if (building) {
    const total = building.embedded + building.pending;
    const value = total > 0 ? building.embedded / total : building.coverage;
    const paused = status?.phase === 'paused';
    const blocked = status?.phase === 'blocked';
    return (
      <div className="modal-body">
        <p>
          Embedding with <strong>{building.model}</strong> ({building.dimensions} dimensions). Search keeps using {status?.active?.model ?? 'the current model'}.
        </p>
        <div className="big-progress" role="progressbar" aria-label="Re-embed progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(value * 100)}>
          <span className="progress-fill" style={{ width: `${Math.round(value * 100)}%` }} />
        </div>
        <p className="muted" aria-live="polite">
          {formatCount(building.embedded)} of {formatCount(total)} passages · {Math.round(value * 100)}%
          {paused ? ' · paused' : blocked ? '' : status?.etaSeconds != null ? ` · ${formatDuration(status.etaSeconds)} left` : ''}
        </p>
        {blocked && (
          <p className="banner banner-warn" role="status">
            {formatCount(building.failed)} passages failed to embed. Fix the cause (see the Ollama section), then resume; or cancel.
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="btn btn-danger-quiet" onClick={() => void cancel()}>
            Cancel re-embed
          </button>
          {paused || blocked ? (
            <button type="button" className="btn btn-primary" onClick={() => void resume()}>
              Resume
            </button>
          ) : (
            <button type="button" className="btn" onClick={() => void pause()}>
              Pause
            </button>
          )}
          <button type="button" className="btn" onClick={close}>
            Hide
          </button>
        </div>
      </div>
    );
  }
  const undoSpace = switched ? (status?.undo ?? null) : null;
  return (
    <div className="modal-body">
      {undone ? (
        <p className="banner banner-ok" role="status">
          Back on <strong>{status?.active?.model}</strong> ({status?.active?.dimensions} dimensions). Search uses it again.
        </p>
      ) : switched ? (
        <>
          <p className="banner banner-ok" role="status">
            Switched to <strong>{status?.active?.model}</strong> ({status?.active?.dimensions} dimensions). Every note was embedded and checked.
          </p>
          {undoSpace && (
            <p>
              The previous model, {undoSpace.model} ({undoSpace.dimensions} dimensions), is kept
              {undoSpace.purgeAfter ? ` until ${formatLongDate(undoSpace.purgeAfter)}` : ' for a while'}; until then you can go back.
            </p>
          )}
        </>
      ) : (
        <p className="muted">No re-embed is running.</p>
      )}
      <div className="modal-actions">
        {undoSpace && (
          <button type="button" className="btn" onClick={() => void undo()}>
            Undo switch
          </button>
        )}
        <button type="button" className="btn btn-primary" onClick={close}>
          Done
        </button>
      </div>
    </div>
  );
}
