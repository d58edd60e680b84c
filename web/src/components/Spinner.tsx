// A small animated busy indicator with an accessible label.

/** Spinner; `label` is read by screen readers (the spinner itself is decorative). */
export function Spinner({ label, small }: { label?: string; small?: boolean }) {
  return (
    <span class={small ? 'spinner spinner-small' : 'spinner'} role={label ? 'status' : undefined}>
      <span class="spinner-ring" aria-hidden="true" />
      {label && <span class="visually-hidden">{label}</span>}
    </span>
  );
}

/** A visible busy line: spinner plus text, announced politely. */
export function Busy({ text }: { text: string }) {
  return (
    <p class="busy" role="status">
      <Spinner small /> <span>{text}</span>
    </p>
  );
}
