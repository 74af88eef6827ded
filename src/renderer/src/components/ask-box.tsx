// The header's box in Ask mode: the question (Enter asks, Esc stops), Ask / Stop, and the chat model in use.
import { useRef, type KeyboardEvent } from 'react';
import { ChoiceGroup } from './choice-group';
import { useShallow } from 'zustand/react/shallow';
import { modKey, useFocusRequest } from '../lib/use-focus-request';
import { useAskStore } from '../stores/ask-store';

/** The question box. */
export function AskBox() {
  const inputRef = useRef<HTMLInputElement>(null);
  useFocusRequest('search', inputRef);
  const { draft, running, thread, settings, chatModels, setDraft, submit, stop, setChatModel } = useAskStore(
    useShallow((s) => ({
      draft: s.draft,
      running: s.running,
      thread: s.thread,
      settings: s.settings,
      chatModels: s.chatModels,
      setDraft: s.setDraft,
      submit: s.submit,
      stop: s.stop,
      setChatModel: s.setChatModel,
    })),
  );
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void submit();
    } else if (e.key === 'Escape' && running) {
      e.preventDefault();
      void stop();
    }
  };
  const models = [...new Set([...(settings?.chatModel ? [settings.chatModel] : []), ...chatModels])];
  return (
    <>
      <div className={`search-box ask-box ${running ? 'loading' : ''}`}>
        <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" className="search-icon">
          <path d="M5 5h14v10H10l-4 4v-4H5z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
        </svg>
        <input
          ref={inputRef}
          type="text"
          aria-label={thread ? 'Ask a follow-up question' : 'Ask your notes a question'}
          placeholder={thread ? 'Ask a follow-up…' : 'Ask your notes a question…'}
          value={draft}
          autoFocus
          spellCheck={false}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <kbd className="search-kbd" aria-hidden="true">
          {modKey()} J
        </kbd>
      </div>
      {running ? (
        <button type="button" className="btn btn-ask" onClick={() => void stop()} disabled={running.stopping}>
          <svg aria-hidden="true" viewBox="0 0 16 16" width="12" height="12">
            <rect x="3" y="3" width="10" height="10" rx="1.5" fill="currentColor" />
          </svg>
          Stop
        </button>
      ) : (
        <button type="button" className="btn btn-primary btn-ask" onClick={() => void submit()} disabled={draft.trim() === ''}>
          Ask
        </button>
      )}
      <label className="model-select">
        <span className="visually-hidden">Chat model</span>
        <select value={settings?.chatModel ?? ''} onChange={(e) => void setChatModel(e.target.value || null)} title="The chat model that answers (in Ollama)">
          <option value="">Model: automatic</option>
          {models.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

/** Search | Ask: what the header's box does. */
export function BoxModeToggle() {
  const { active, setActive } = useAskStore(useShallow((s) => ({ active: s.active, setActive: s.setActive })));
  return (
    <ChoiceGroup
      label="Search or ask"
      className="box-mode"
      choices={[
        { value: 'search', label: 'Search', title: 'Search your notes' },
        { value: 'ask', label: 'Ask', title: `Ask your notes (${modKey()} J)` },
      ]}
      value={active ? 'ask' : 'search'}
      onChange={(choice) => setActive(choice === 'ask')}
    />
  );
}
