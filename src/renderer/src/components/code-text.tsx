// Text from the core that marks commands with `backticks` (the CLI's convention), shown with the commands as code.
import { Fragment } from 'react';

/** Renders `text`, turning each `backticked` part into a <code> element so no literal backtick reaches the screen. */
export function CodeText({ text }: { text: string }) {
  const parts = text.split('`');
  // An odd number of parts means the backticks pair up; otherwise drop the stray ones and show plain text.
  if (parts.length % 2 === 0) return <>{text.replace(/`/g, '')}</>;
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="command">
            {part}
          </code>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

/** The same text with the backticks dropped, for places that take a plain string (a tooltip). */
export function withoutBackticks(text: string): string {
  return text.replace(/`/g, '');
}
