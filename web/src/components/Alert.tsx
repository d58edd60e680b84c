// Error and success messages; a missing-key error carries a link to the settings page.
import type { ComponentChildren } from 'preact';

/** True when `message` is the council's "no API key configured" refusal. */
export function isMissingKeyMessage(message: string | undefined): boolean {
  return !!message && /no api key configured|api key (is )?disabled|add your openrouter api key/i.test(message);
}

/** An error sentence in an alert region; links to settings when the error is about the API key. */
export function ErrorAlert({ message, children }: { message: string; children?: ComponentChildren }) {
  return (
    <div class="alert alert-error" role="alert">
      <p>{message}</p>
      {isMissingKeyMessage(message) && (
        <p>
          <a class="button button-primary" href="#/settings" data-testid="settings-link">
            Open settings to add your key
          </a>
        </p>
      )}
      {children}
    </div>
  );
}

/** A short confirmation that something worked. */
export function SuccessNote({ message }: { message: string }) {
  return (
    <p class="alert alert-success" role="status">
      {message}
    </p>
  );
}
