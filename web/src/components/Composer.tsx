// The question box: Enter sends, Shift+Enter adds a line; typing is kept as a session draft (sent text
// stays in the draft until the council accepts it).
import { useEffect, useRef } from 'preact/hooks';
import { saveDraft } from '../lib/draft';

export const MAX_QUESTION_CHARS = 32000;

interface ComposerProps {
  id: string;
  draftTarget: string;
  value: string;
  onInput: (text: string) => void;
  onSubmit: () => void;
  disabled?: boolean;
  busy?: boolean;
  label: string;
  submitLabel: string;
  autoFocus?: boolean;
}

/** A labelled textarea with a submit button (inside the caller's form). */
export function Composer({ id, draftTarget, value, onInput, onSubmit, disabled, busy, label, submitLabel, autoFocus }: ComposerProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      if (!disabled && !busy) onSubmit();
    }
  };
  const tooLong = value.length > MAX_QUESTION_CHARS;
  return (
    <div class="composer">
      <label for={id} class="composer-label">
        {label}
      </label>
      <textarea
        id={id}
        ref={ref}
        rows={3}
        value={value}
        placeholder="Ask the council… (Enter to send, Shift+Enter for a new line)"
        aria-describedby={`${id}-hint`}
        aria-invalid={tooLong ? 'true' : undefined}
        disabled={disabled}
        onInput={(e) => {
          saveDraft(draftTarget, e.currentTarget.value);
          onInput(e.currentTarget.value);
        }}
        onKeyDown={onKeyDown}
      />
      <div class="composer-row">
        <small id={`${id}-hint`} class={tooLong ? 'hint hint-warning' : 'hint'}>
          {tooLong ? `Too long: at most ${MAX_QUESTION_CHARS} characters.` : `${value.length} / ${MAX_QUESTION_CHARS}`}
        </small>
        <button type="submit" class="button button-primary" disabled={disabled || busy || tooLong || value.trim() === ''}>
          {busy ? 'Sending…' : submitLabel}
        </button>
      </div>
    </div>
  );
}
