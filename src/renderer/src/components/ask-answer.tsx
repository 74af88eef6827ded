// An answer with its citations: [n] that points at a passage given to the model is a button that opens the note at
// that passage; a number the model made up stays plain text, marked. Sentences that state something without a
// citation are underlined (dotted) and say so on hover.
import { Fragment, type ReactElement } from 'react';
import { analyseAnswer, type AnswerSentence } from '../../../shared/answer-citations';
import type { AskPassage } from '../../../shared/ask-models';

interface AskAnswerProps {
  readonly answer: string;
  readonly passages: readonly AskPassage[];
  readonly onCite: (passage: AskPassage) => void;
  /** Still streaming: the last sentence is not judged yet. */
  readonly streaming?: boolean;
}

function Sentence({ sentence, passages, onCite, judge }: { sentence: AnswerSentence; passages: readonly AskPassage[]; onCite: (p: AskPassage) => void; judge: boolean }) {
  const uncited = judge && sentence.needsCitation && !sentence.cited;
  const body = sentence.pieces.map((piece, i) => {
    if (piece.kind === 'text') return <Fragment key={i}>{piece.text}</Fragment>;
    return (
      <Fragment key={i}>
        {piece.valid.map((n) => {
          const passage = passages.find((p) => p.number === n)!;
          return (
            <button key={n} type="button" className="citation" onClick={() => onCite(passage)} aria-label={`Source ${n}: ${passage.title || 'Untitled'}`} title={passage.title || 'Untitled'}>
              {n}
            </button>
          );
        })}
        {piece.invalid.length > 0 && (
          <span className="citation-invalid" title="The model cited a passage it was not given: this is not a source.">
            [{piece.invalid.join(', ')}]
          </span>
        )}
      </Fragment>
    );
  });
  return uncited ? (
    <span className="uncited" title="No note is cited for this sentence.">
      {body}
    </span>
  ) : (
    <>{body}</>
  );
}

/** The answer, block by block. */
export function AskAnswer({ answer, passages, onCite, streaming = false }: AskAnswerProps) {
  const analysis = analyseAnswer(answer, passages.length);
  const lastBlock = analysis.blocks.length - 1;
  const rendered = analysis.blocks.map((block, b) => {
    const lastSentence = block.sentences.length - 1;
    const sentences = block.sentences.map((s, i) => (
      <Sentence key={i} sentence={s} passages={passages} onCite={onCite} judge={!(streaming && b === lastBlock && i === lastSentence)} />
    ));
    if (streaming && b === lastBlock) sentences.push(<span key="caret" className="caret" aria-hidden="true" />);
    if (block.kind === 'heading') return <h3 key={b}>{sentences}</h3>;
    if (block.kind === 'bullet') return <li key={b}>{sentences}</li>;
    if (block.kind === 'numbered') return <li key={b} className="numbered" data-marker={block.marker}>{sentences}</li>;
    return <p key={b}>{sentences}</p>;
  });
  // consecutive list items go into one list
  const grouped: ReactElement[] = [];
  let items: ReactElement[] = [];
  const flush = (): void => {
    if (items.length) grouped.push(<ul key={`l${grouped.length}`}>{items}</ul>);
    items = [];
  };
  for (const element of rendered) {
    if (element.type === 'li') items.push(element);
    else {
      flush();
      grouped.push(element);
    }
  }
  flush();
  return (
    <div className="answer-text">
      {grouped}
      {!streaming && analysis.uncitedSentences > 0 && (
        <p className="answer-legend">
          <span className="uncited legend-sample">Dotted underline</span>: no note is cited for {analysis.uncitedSentences === 1 ? 'this sentence' : 'these sentences'}; check them against your notes.
        </p>
      )}
    </div>
  );
}
