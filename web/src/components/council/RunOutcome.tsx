// How a stored run ended when it did not complete: failed (with the server's sentence) or stopped, and the
// "Retry synthesis" form when its stages 1 and 2 are stored.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { AssistantMessage } from '../../api/types';
import { ErrorAlert } from '../Alert';

/** True when stage 3 can be written again on the stored stages (the server checks the same). */
export function canRetrySynthesis(message: AssistantMessage): boolean {
  return (
    (message.status === 'failed' || message.status === 'cancelled') &&
    !!message.run_id &&
    message.stage1.length > 0 &&
    message.stage2.length > 0
  );
}

interface RetryProps {
  idPrefix: string;
  models: string[];
  leadModel: string;
  onRetry: (leadModel: string) => void;
}

function RetrySynthesis({ idPrefix, models, leadModel, onRetry }: RetryProps) {
  const [lead, setLead] = useState(leadModel);
  const choices = models.includes(leadModel) ? models : [leadModel, ...models];
  return (
    <form
      class="retry-synthesis"
      aria-label="Retry synthesis"
      onSubmit={(e) => {
        e.preventDefault();
        onRetry(lead);
      }}
    >
      <label for={`${idPrefix}-retry-lead`}>Lead model for the final answer</label>
      <select id={`${idPrefix}-retry-lead`} value={lead} onChange={(e) => setLead(e.currentTarget.value)}>
        {choices.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      <button type="submit" class="button button-primary">
        Retry synthesis
      </button>
    </form>
  );
}

/** The notice of a run stopped with Stop; `children` (the retry form) go inside it. */
export function StoppedNote({ children }: { children?: ComponentChildren }) {
  return (
    <div class="alert alert-info" data-testid="run-cancelled">
      <p>This run was stopped before it finished; what was done is kept.</p>
      {children}
    </div>
  );
}

/** Shows a failed or cancelled stored run as such; nothing for other messages. */
export function RunOutcome({ message, retry }: { message: AssistantMessage; retry?: Omit<RetryProps, 'leadModel'> & { leadModel?: string } }) {
  if (message.status !== 'failed' && message.status !== 'cancelled') return null;
  const retryForm = retry && canRetrySynthesis(message) && (
    <RetrySynthesis {...retry} leadModel={retry.leadModel ?? message.stage3?.model ?? retry.models[0] ?? ''} />
  );
  if (message.status === 'failed') {
    return <ErrorAlert message={message.error || 'The council run failed.'}>{retryForm}</ErrorAlert>;
  }
  return <StoppedNote>{retryForm}</StoppedNote>;
}
