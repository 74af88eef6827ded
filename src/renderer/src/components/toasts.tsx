// Transient messages (saved, forgotten with Undo, errors), announced to screen readers: one at a time, at the foot
// of the sidebar, clear of the list and the editor.
import { useUiStore } from '../stores/ui-store';

/** The toast (the store keeps at most one). */
export function Toasts() {
  const toasts = useUiStore((s) => s.toasts);
  const dismiss = useUiStore((s) => s.dismissToast);
  return (
    <div className="toasts" aria-live="polite" aria-relevant="additions">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'}>
          <span className="toast-message" title={t.message}>
            {t.message}
          </span>
          {t.action && t.actionLabel && (
            <button
              type="button"
              className="toast-action"
              onClick={() => {
                t.action?.();
                dismiss(t.id);
              }}
            >
              {t.actionLabel}
            </button>
          )}
          <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
