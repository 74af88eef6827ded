// The Ask column: the open thread (questions, streamed answers with citations, their sources), what to do when no
// model can answer, and the list of threads.
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { analyseAnswer } from '../../../shared/answer-citations';
import type { AskPassage, AskTurn } from '../../../shared/ask-models';
import { formatDay, formatShortDate } from '../lib/format';
import { modKey } from '../lib/use-focus-request';
import { useAskStore, type RunningAsk } from '../stores/ask-store';
import { useModelPullStore } from '../stores/model-pull-store';
import { AskAnswer } from './ask-answer';

const PHASE_TEXT: Record<string, (model: string) => string> = {
  recalling: () => 'Searching your notes…',
  thinking: (model) => `${model} is reading the passages…`,
  'loading-model': (model) => `Loading ${model}… the first answer after a while can take a minute.`,
  answering: (model) => `${model} is answering…`,
};

function Sources({ passages, answer, onCite }: { passages: readonly AskPassage[]; answer: string; onCite: (p: AskPassage) => void }) {
  if (passages.length === 0) return null;
  const cited = new Set(analyseAnswer(answer, passages.length).cited);
  return (
    <details className="sources" open={passages.length <= 4}>
      <summary>
        {passages.length} {passages.length === 1 ? 'passage' : 'passages'} from your notes
      </summary>
      <ol className="source-list">
        {passages.map((p) => (
          <li key={p.number}>
            <button type="button" className="source" onClick={() => onCite(p)} aria-label={`Open source ${p.number}: ${p.title || 'Untitled'}`}>
              <span className="source-number">{p.number}</span>
              <span className="source-body">
                <span className="source-title">
                  {p.title || 'Untitled'} <span className="muted small">· {formatDay(p.createdAt)}</span>
                  {!cited.has(p.number) && <span className="muted small"> · not cited</span>}
                </span>
                <span className="source-text">{flat(p.text, 180)}</span>
              </span>
            </button>
          </li>
        ))}
      </ol>
    </details>
  );
}

/** A message with `command` spans shown as code. */
function WithCode({ text }: { text: string }) {
  return (
    <>
      {text.split(/`([^`]+)`/).map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="command">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** A passage's text in one line, without markdown heading marks. */
function flat(text: string, max: number): string {
  return text.replace(/(^|\n)#{1,6}\s+/g, '$1').replace(/\s+/g, ' ').trim().slice(0, max);
}

function ClosestNotes({ notes, onOpen }: { notes: readonly AskPassage[]; onOpen: (p: AskPassage) => void }) {
  if (notes.length === 0) return null;
  return (
    <ul className="closest-list" aria-label="Closest notes">
      {notes.map((n) => (
        <li key={n.noteId}>
          <button type="button" className="source" onClick={() => onOpen(n)}>
            <span className="source-body">
              <span className="source-title">
                {n.title || 'Untitled'} <span className="muted small">· {formatDay(n.createdAt)}</span>
              </span>
              <span className="source-text">{flat(n.text, 160)}</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function Notices({ notices }: { notices: readonly string[] }) {
  if (notices.length === 0) return null;
  return (
    <ul className="ask-notices">
      {notices.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}

function TurnView({ turn }: { turn: AskTurn }) {
  const { openCitation, save } = useAskStore(useShallow((s) => ({ openCitation: s.openCitation, save: s.save })));
  const answered = turn.state !== 'no-relevant-notes' && turn.answer.trim() !== '';
  return (
    <article className="turn" aria-label={`Question: ${turn.question}`}>
      <p className="question">{turn.question}</p>
      {turn.state === 'no-relevant-notes' ? (
        <div className="answer answer-empty">
          <p>{turn.answer}</p>
          <ClosestNotes notes={turn.closest} onOpen={openCitation} />
        </div>
      ) : (
        <div className="answer">
          {turn.answer ? <AskAnswer answer={turn.answer} passages={turn.passages} onCite={openCitation} /> : <p className="muted">No answer.</p>}
          {turn.state === 'stopped' && <p className="turn-state">Stopped.</p>}
          {turn.state === 'incomplete' && (
            <p className="turn-state turn-state-warn" role="note">
              {turn.error ?? 'The answer is incomplete.'}
            </p>
          )}
          <Sources passages={turn.passages} answer={turn.answer} onCite={openCitation} />
          <Notices notices={turn.notices.filter((n) => !n.startsWith('Stopped'))} />
          <div className="turn-actions">
            {answered && (
              <button type="button" className="btn btn-small" onClick={() => void save(turn.id!)} disabled={turn.id === null}>
                {turn.savedNoteId !== null ? 'Saved as note' : 'Save as note'}
              </button>
            )}
            <span className="muted small">
              {turn.model ?? ''}
              {turn.model ? ' · ' : ''}
              {formatShortDate(turn.createdAt)}
            </span>
          </div>
        </div>
      )}
    </article>
  );
}

function RunningView({ running }: { running: RunningAsk }) {
  const { openCitation, stop } = useAskStore(useShallow((s) => ({ openCitation: s.openCitation, stop: s.stop })));
  const model = running.model ?? 'The model';
  const waiting = running.answer === '';
  return (
    <article className="turn turn-running" aria-label={`Question: ${running.question}`} aria-busy="true">
      <p className="question">{running.question}</p>
      <div className="answer">
        {waiting ? (
          <p className={`ask-phase ${running.phase === 'loading-model' ? 'ask-phase-loading' : ''}`} role="status">
            <span className="spinner" aria-hidden="true" />
            {PHASE_TEXT[running.phase]?.(model) ?? ''}
          </p>
        ) : (
          <AskAnswer answer={running.answer} passages={running.passages} onCite={openCitation} streaming />
        )}
        <Notices notices={running.notices} />
        <div className="turn-actions">
          <button type="button" className="btn btn-small" onClick={() => void stop()} disabled={running.stopping} aria-keyshortcuts="Escape">
            {running.stopping ? 'Stopping…' : 'Stop'}
          </button>
          {running.passages.length > 0 && (
            <span className="muted small">
              {running.passages.length} {running.passages.length === 1 ? 'passage' : 'passages'} from your notes
            </span>
          )}
        </div>
      </div>
    </article>
  );
}

function Unavailable({ turn }: { turn: AskTurn }) {
  const { retry, openCitation, chatModels, setChatModel } = useAskStore(
    useShallow((s) => ({ retry: s.retry, openCitation: s.openCitation, chatModels: s.chatModels, setChatModel: s.setChatModel })),
  );
  const pull = useModelPullStore(useShallow((s) => ({ model: s.model, progress: s.progress, error: s.error, start: s.pull, cancel: s.cancel })));
  const problem = turn.problem!;
  const others = chatModels.filter((m) => m !== problem.pullModel);
  const title = problem.code === 'ollama-unreachable' ? 'Ollama isn’t running' : problem.code === 'invalid-host' ? 'Ollama’s address is not valid' : 'Ask needs a chat model';
  const pulling = pull.model !== null && pull.model === problem.pullModel;
  return (
    <section className="ask-problem" role="alert" aria-labelledby="ask-problem-title">
      <p className="question">{turn.question}</p>
      <div className="problem-card">
        <h2 id="ask-problem-title">{title}</h2>
        <p>
          <WithCode text={problem.message} />
        </p>
        {problem.command && !problem.message.includes(problem.command) && (
          <p>
            Run <code className="command">{problem.command}</code>
          </p>
        )}
        <div className="card-actions">
          {problem.pullModel && !pulling && (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() =>
                void pull.start(problem.pullModel!).then((ok) => {
                  if (ok) void retry();
                })
              }
            >
              Pull {problem.pullModel}
            </button>
          )}
          {pulling && (
            <span className="pull-progress" role="status">
              <span className="progress" role="progressbar" aria-label={`Pulling ${pull.model}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round((pull.progress?.value ?? 0) * 100)}>
                <span className="progress-fill" style={{ width: `${Math.round((pull.progress?.value ?? 0) * 100)}%` }} />
              </span>
              {pull.progress?.status ?? 'starting'} · {Math.round((pull.progress?.value ?? 0) * 100)}%
              <button type="button" className="btn btn-small" onClick={() => void pull.cancel()}>
                Cancel
              </button>
            </span>
          )}
          {others.length > 0 && problem.code !== 'ollama-unreachable' && (
            <label className="model-choice">
              Use instead:{' '}
              <select
                defaultValue=""
                onChange={(e) => {
                  if (e.target.value) void setChatModel(e.target.value).then(() => retry());
                }}
              >
                <option value="" disabled>
                  a chat model…
                </option>
                {others.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            </label>
          )}
          <button type="button" className="btn" onClick={() => void retry()} disabled={pulling}>
            Ask again
          </button>
        </div>
        {pull.error && <p className="form-error">{pull.error}</p>}
        <p className="muted small">Search keeps working without a chat model.</p>
      </div>
      {turn.closest.length > 0 && (
        <>
          <h3 className="section-label">Notes that match your question</h3>
          <ClosestNotes notes={turn.closest} onOpen={openCitation} />
        </>
      )}
    </section>
  );
}

function ThreadList() {
  const { threads, current, openThread, deleteThread } = useAskStore(
    useShallow((s) => ({ threads: s.threads, current: s.thread?.id ?? null, openThread: s.openThread, deleteThread: s.deleteThread })),
  );
  if (threads.length === 0) return <p className="muted small">No questions asked yet.</p>;
  return (
    <ul className="thread-list" aria-label="Threads">
      {threads.map((t) => (
        <li key={t.id} className={t.id === current ? 'active' : ''}>
          <button type="button" className="thread-open" onClick={() => void openThread(t.id)} aria-current={t.id === current ? 'true' : undefined}>
            <span className="thread-title">{t.title}</span>
            <span className="muted small">
              {t.turnCount} {t.turnCount === 1 ? 'question' : 'questions'} · {formatShortDate(t.updatedAt)}
            </span>
          </button>
          <button type="button" className="icon-btn thread-delete" aria-label={`Delete thread: ${t.title}`} title="Delete thread" onClick={() => void deleteThread(t.id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

function EmptyAsk() {
  return (
    <div className="ask-empty">
      <h2>Ask your notes</h2>
      <p className="muted">
        Ask a question and a chat model running in Ollama on this computer answers from your notes, citing them as <span className="citation citation-sample">1</span>. Nothing
        leaves your machine. The tag and date filters apply.
      </p>
      <p className="muted small">
        <kbd>Enter</kbd> ask · <kbd>Esc</kbd> stop · <kbd>{modKey()} J</kbd> back to search
      </p>
      <h3 className="section-label">Recent threads</h3>
      <ThreadList />
    </div>
  );
}

/** The Ask column. */
export function AskPanel() {
  const { thread, running, unavailable, error, threadsOpen, newThread, setThreadsOpen } = useAskStore(
    useShallow((s) => ({
      thread: s.thread,
      running: s.running,
      unavailable: s.unavailable,
      error: s.error,
      threadsOpen: s.threadsOpen,
      newThread: s.newThread,
      setThreadsOpen: s.setThreadsOpen,
    })),
  );
  const endRef = useRef<HTMLDivElement>(null);
  const answerLength = running?.answer.length ?? 0;
  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'end' });
  }, [thread?.turns.length, answerLength, running?.phase, unavailable]);
  const empty = !thread && !running && !unavailable;
  return (
    <section className="ask-panel" aria-label="Ask">
      <div className="ask-toolbar" role="toolbar" aria-label="Threads">
        <span className="ask-thread-title" title={thread?.title}>
          {thread ? thread.title : 'New thread'}
        </span>
        <button type="button" className="btn btn-small" onClick={() => setThreadsOpen(!threadsOpen)} aria-expanded={threadsOpen}>
          Threads
        </button>
        <button type="button" className="btn btn-small" onClick={newThread} disabled={running !== null || empty}>
          New thread
        </button>
      </div>
      {threadsOpen && (
        <div className="thread-popover">
          <ThreadList />
        </div>
      )}
      <div className="ask-scroll">
        {empty && <EmptyAsk />}
        {thread?.turns.map((turn) => <TurnView key={turn.id} turn={turn} />)}
        {running && <RunningView running={running} />}
        {unavailable && !running && <Unavailable turn={unavailable} />}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div ref={endRef} />
      </div>
    </section>
  );
}
