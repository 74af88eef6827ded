// Which [[wikilinks]] of a note open another note: their targets are looked up by title once per body, and the
// resolver handed to <Markdown> opens the note through the notes store.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNotesStore } from '../stores/notes-store';
import { api, unwrap } from './api';
import { wikilinkTargets, type WikilinkResolver } from './markdown';

/** A resolver for the wikilinks in `source`: a target names a live note (by title) or shows as unresolved. */
export function useWikilinkResolver(source: string): WikilinkResolver {
  const targets = useMemo(() => wikilinkTargets(source), [source]);
  const [ids, setIds] = useState<Readonly<Record<string, number>>>({});
  const open = useNotesStore((s) => s.open);
  useEffect(() => {
    let live = true;
    if (targets.length === 0) {
      setIds({});
      return;
    }
    unwrap(api().notes.resolveTitles({ targets }))
      .then((found) => live && setIds(found))
      .catch(() => live && setIds({}));
    return () => {
      live = false;
    };
  }, [targets]);
  return useCallback((target: string) => {
    const id = ids[target];
    return id === undefined ? null : () => void open(id);
  }, [ids, open]);
}
