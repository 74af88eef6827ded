// A row of mutually exclusive choices (the "segmented" look) as one ARIA radio group.
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

/** One choice of a ChoiceGroup. */
export interface Choice<T extends string> {
  readonly value: T;
  readonly label: ReactNode;
  readonly title?: string;
}

interface ChoiceGroupProps<T extends string> {
  readonly label: string;
  readonly choices: readonly Choice<T>[];
  readonly value: T;
  readonly onChange: (value: T) => void;
  readonly className?: string;
  readonly hidden?: boolean;
}

const NEXT: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * The WAI-ARIA radio group pattern: one Tab stop (the checked choice), arrow keys move to the next or previous
 * choice and choose it (wrapping), Home and End to the first and last.
 */
export function ChoiceGroup<T extends string>({ label, choices, value, onChange, className = '', hidden }: ChoiceGroupProps<T>) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const current = choices.findIndex((c) => c.value === value);
    let next: number | null = null;
    if (event.key in NEXT) next = (current + NEXT[event.key]! + choices.length) % choices.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = choices.length - 1;
    if (next === null) return;
    event.preventDefault();
    onChange(choices[next]!.value);
    buttons.current[next]?.focus();
  };
  return (
    <div className={`segmented ${className}`.trim()} role="radiogroup" aria-label={label} hidden={hidden} onKeyDown={onKeyDown}>
      {choices.map((choice, i) => (
        <button
          key={choice.value}
          ref={(el) => {
            buttons.current[i] = el;
          }}
          type="button"
          role="radio"
          aria-checked={value === choice.value}
          tabIndex={value === choice.value ? 0 : -1}
          className={value === choice.value ? 'active' : ''}
          title={choice.title}
          onClick={() => onChange(choice.value)}
        >
          {choice.label}
        </button>
      ))}
    </div>
  );
}
