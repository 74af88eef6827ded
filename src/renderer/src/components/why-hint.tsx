// A short hint of why a note matched: by meaning, by words, or both; or that it is only loosely related.
import type { MatchReason } from '../../../shared/models';

/**
 * Pills such as "≈ meaning" and "words", in words rather than a similarity percentage (cosine similarity is not a
 * probability: 0.3 is a weak match for the built-in model, and a negative one showed as "0%"). A less related hit
 * says so instead of "meaning". The exact ranks and similarity are in the tooltip.
 */
export function WhyHint({ why, lessRelated }: { why: MatchReason; lessRelated: boolean }) {
  const details: string[] = [];
  if (why.vector) details.push(`meaning: rank ${why.vector.rank}, similarity ${why.vector.similarity.toFixed(2)}`);
  if (why.keyword) details.push(`words: rank ${why.keyword.rank}`);
  const title = `${lessRelated ? 'Less related. ' : ''}Matched by ${details.join('; ') || 'nothing in particular'}`;
  return (
    <span className="why" title={title} aria-label={title}>
      {lessRelated ? <span className="why-pill why-loose">loosely related</span> : why.vector && <span className="why-pill why-meaning">≈ meaning</span>}
      {why.keyword && <span className="why-pill why-words">“words”</span>}
    </span>
  );
}
