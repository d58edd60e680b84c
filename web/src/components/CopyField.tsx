// A read-only value (an invite code, a reset link) with a button that copies it to the clipboard.
import { useState } from 'preact/hooks';

/** Shows `value` selectable, labelled `label`, with a Copy button and a status line saying whether it worked. */
export function CopyField({ label, value, id }: { label: string; value: string; id: string }) {
  const [status, setStatus] = useState('');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setStatus('Copied.');
    } catch {
      setStatus('Copying is not allowed here: select the text and copy it by hand.');
    }
  };

  return (
    <div class="field copy-field">
      <label for={id}>{label}</label>
      <div class="inline-form">
        <input id={id} type="text" readOnly value={value} class="grow" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="button" onClick={copy} aria-label={`Copy ${label.toLowerCase()}`}>
          Copy
        </button>
      </div>
      <small class="hint" role="status">
        {status}
      </small>
    </div>
  );
}
