// Shown when the Ollama model's digest changed since the vectors were made: offers a re-embed into the new model.
import { useStatusStore } from '../stores/status-store';
import { useReembedStore } from '../stores/reembed-store';
import { useUiStore } from '../stores/ui-store';

/** The drift banner (nothing when there is no drift). */
export function DriftBanner() {
  const status = useStatusStore((s) => s.status);
  const building = useReembedStore((s) => s.status?.building ?? null);
  const space = status?.activeSpace ?? null;
  if (!space || status?.provider.drift !== 'drifted' || building) return null;
  return (
    <div className="banner banner-warn drift-banner" role="alert">
      <span>
        <strong>{space.model} changed</strong> since your notes were embedded (it was updated or pulled again), so new and old vectors may not
        compare well. Re-embed your notes with the current version; search keeps working meanwhile.
      </span>
      <button
        type="button"
        className="btn btn-small btn-primary"
        onClick={() => {
          useUiStore.getState().setView('settings');
          useReembedStore
            .getState()
            .openWizard(space.provider === 'ollama' ? { provider: 'ollama', model: space.model, dimensions: space.dimensions } : { provider: 'builtin' });
        }}
      >
        Re-embed…
      </button>
    </div>
  );
}
