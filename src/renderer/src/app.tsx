// The window: sidebar, search header + list, detail pane, status bar, toasts; global shortcuts and menu commands.
import { useCallback, useEffect, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AppCommand } from '../../shared/ipc-contract';
import { DetailPane } from './components/detail-pane';
import { DriftBanner } from './components/drift-banner';
import { NewAgentBanner } from './components/new-agent-banner';
import { MemoryProblemBanner } from './components/memory-problem-banner';
import { ImportView, UnfinishedImports } from './components/import-view';
import { SettingsView } from './components/settings-view';
import { SourcesView } from './components/sources-view';
import { useListItems } from './components/list-items';
import { ResultList } from './components/result-list';
import { SearchHeader } from './components/search-header';
import { Sidebar } from './components/sidebar';
import { StatusBar } from './components/status-bar';
import { Toasts } from './components/toasts';
import { isMod } from './lib/use-focus-request';
import { paneShowsNote, useOneSelection } from './lib/use-one-selection';
import { useCaptureStore } from './stores/capture-store';
import { useImportStore } from './stores/import-store';
import { useNotesStore } from './stores/notes-store';
import { useRecallStore } from './stores/recall-store';
import { useSourcesStore } from './stores/sources-store';
import { useSettingsStore } from './stores/settings-store';
import { useStatusStore } from './stores/status-store';
import { AskPanel } from './components/ask-panel';
import { useAskStore } from './stores/ask-store';
import { useModelPullStore } from './stores/model-pull-store';

/** Shown instead of empty lists when the memory cannot be opened (locked by the CLI, written by a newer version). */
function OpenError() {
  const { error, opened } = useStatusStore(useShallow((s) => ({ error: s.error, opened: s.status !== null })));
  if (!error || opened) return null;
  return (
    <div className="app-error" role="alert">
      <strong>Engram can’t open your memory.</strong> {error}
    </div>
  );
}
import { useUiStore } from './stores/ui-store';

const LIST_ID = 'note-list';

/** Runs a menu command (also used by the in-page shortcuts). */
export function runCommand(command: AppCommand): void {
  const ui = useUiStore.getState();
  switch (command) {
    case 'new-note':
      useCaptureStore.getState().begin();
      break;
    case 'focus-search':
      if (ui.view !== 'recall') ui.setView('recall');
      ui.requestFocus('search');
      break;
    case 'show-recall':
      ui.setView('recall');
      ui.requestFocus('search');
      break;
    case 'show-forgotten':
      ui.setView('forgotten');
      void useNotesStore.getState().loadForgotten();
      ui.requestFocus('list');
      break;
    case 'show-import':
      ui.setView('import');
      break;
    case 'show-settings':
      ui.setView('settings');
      break;
    case 'toggle-mode':
      useRecallStore.getState().cycleMode();
      break;
  }
}

/** The app. */
export function App() {
  const { kind, items: kindItems } = useListItems();
  const selectedIndex = useUiStore((s) => s.selectedIndex);
  const resultsFor = useRecallStore((s) => s.resultsFor);

  useEffect(() => {
    const stop = useStatusStore.getState().start();
    void useNotesStore.getState().loadBrowse();
    void useNotesStore.getState().loadForgotten();
    void useNotesStore.getState().loadTags();
    void useImportStore.getState().checkUnfinished();
    const unsubscribe = window.api.events.onCommand(runCommand);
    const stopImportProgress = useImportStore.getState().listen();
    // Connected folders: their state, and results on screen that follow the files as they change.
    void useSourcesStore.getState().load();
    const stopSourceEvents = useSourcesStore.getState().listen();
    const stopAskEvents = useAskStore.getState().listen();
    const stopPullProgress = useModelPullStore.getState().listen();
    // An agent wrote through the memory socket: refresh what is showing (coalesced, agents may write in bursts).
    let changedTimer: ReturnType<typeof setTimeout> | undefined;
    const stopNotesChanged = window.api.events.onNotesChanged((event) => {
      clearTimeout(changedTimer);
      changedTimer = setTimeout(() => {
        const notes = useNotesStore.getState();
        notes.changed();
        if (event.noteId !== null && notes.current?.id === event.noteId) void notes.reload(event.noteId);
      }, 150);
    });
    // An agent connected (maybe a new one waiting for a decision), or `engram agents` changed access: reload them.
    void useSettingsStore.getState().loadAgents();
    let agentsTimer: ReturnType<typeof setTimeout> | undefined;
    const stopAgentsChanged = window.api.events.onAgentsChanged(() => {
      clearTimeout(agentsTimer);
      agentsTimer = setTimeout(() => void useSettingsStore.getState().loadAgents(), 300);
    });
    const onKey = (e: globalThis.KeyboardEvent): void => {
      if (!isMod(e) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'n' && !e.shiftKey) {
        e.preventDefault();
        runCommand('new-note');
      } else if ((key === 'f' || key === 'k') && !e.shiftKey) {
        e.preventDefault();
        runCommand('focus-search');
      } else if (key === '1') {
        e.preventDefault();
        runCommand('show-recall');
      } else if (key === '2') {
        e.preventDefault();
        runCommand('show-forgotten');
      } else if (key === 'o' && !e.shiftKey) {
        e.preventDefault();
        runCommand('show-import');
      } else if (key === ',') {
        e.preventDefault();
        runCommand('show-settings');
      } else if (key === 'm' && e.shiftKey) {
        e.preventDefault();
        runCommand('toggle-mode');
      } else if (key === 'j' && !e.shiftKey) {
        e.preventDefault();
        useAskStore.getState().toggle();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      stop();
      unsubscribe();
      stopImportProgress();
      stopSourceEvents();
      stopAskEvents();
      stopPullProgress();
      stopNotesChanged();
      clearTimeout(changedTimer);
      stopAgentsChanged();
      clearTimeout(agentsTimer);
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  // Keep the selection inside the list as it shrinks.
  useEffect(() => {
    if (selectedIndex >= kindItems.length && kindItems.length > 0) useUiStore.getState().select(kindItems.length - 1);
  }, [kindItems.length, selectedIndex]);

  const open = useCallback(
    (index: number, focusDetail: boolean) => {
      const item = kindItems[index];
      if (!item) return;
      useUiStore.getState().select(index);
      void useNotesStore
        .getState()
        .open(item.id)
        .then(() => {
          if (focusDetail) useUiStore.getState().requestFocus('detail');
        });
    },
    [kindItems],
  );
  useOneSelection(kindItems, kind === 'results' ? `results:${resultsFor}` : kind, open);

  /** Up/Down move (and preview), Enter opens into the note, Esc clears the search. Shared by the box and the list. */
  const onListKeys = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      const { selectedIndex: at, pane } = useUiStore.getState();
      const last = kindItems.length - 1;
      // Nothing shown yet (or another note): the first step shows the selected row itself, not the one after it.
      const shown = paneShowsNote(pane) && kindItems[at]?.id === useNotesStore.getState().current?.id;
      const move = (by: number): void => {
        e.preventDefault();
        if (last < 0) return;
        open(Math.max(0, Math.min(last, shown ? at + by : at)), false);
      };
      switch (e.key) {
        case 'ArrowDown':
          move(1);
          break;
        case 'ArrowUp':
          move(-1);
          break;
        case 'PageDown':
          move(8);
          break;
        case 'PageUp':
          move(-8);
          break;
        case 'Enter':
          if (isMod(e)) return;
          e.preventDefault();
          open(at, true);
          break;
        case 'Escape': {
          e.preventDefault();
          const recall = useRecallStore.getState();
          if (recall.query) recall.setQuery('');
          else if (useUiStore.getState().view === 'forgotten') runCommand('show-recall');
          useUiStore.getState().requestFocus('search');
          break;
        }
      }
    },
    [kindItems, open],
  );

  const view = useUiStore((s) => s.view);
  const asking = useAskStore((s) => s.active) && view === 'recall';
  if (view === 'settings' || view === 'import' || view === 'sources') {
    return (
      <div className="app">
        <Sidebar />
        <main className="main">
          <MemoryProblemBanner />
          <DriftBanner />
          <NewAgentBanner />
          {view === 'settings' ? <SettingsView /> : view === 'sources' ? <SourcesView /> : <ImportView />}
        </main>
        <StatusBar />
        <Toasts />
      </div>
    );
  }

  return (
    <div className="app">
      <Sidebar />
      <main className="main">
        <MemoryProblemBanner />
        <DriftBanner />
        <NewAgentBanner />
        <UnfinishedImports compact />
        <SearchHeader
          listId={kindItems.length > 0 && !asking ? LIST_ID : undefined}
          activeOptionId={kindItems.length > 0 ? `${LIST_ID}-opt-${selectedIndex}` : undefined}
          onKeyDown={onListKeys}
        />
        <OpenError />
        <div className={asking ? 'columns ask-columns' : 'columns'}>
          {asking ? <AskPanel /> : <ResultList id={LIST_ID} kind={kind} items={kindItems} onOpen={open} onKeyDown={onListKeys} />}
          <DetailPane />
        </div>
      </main>
      <StatusBar />
      <Toasts />
    </div>
  );
}
