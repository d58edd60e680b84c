// The question being typed, kept in sessionStorage so an expired session or a reload does not lose it.

const KEY = 'council.draft';

/** Where a draft was typed: a conversation id, or "new" for a new inquiry. */
export interface Draft {
  target: string;
  text: string;
}

/** The saved draft, or null. */
export function loadDraft(): Draft | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const d = JSON.parse(raw) as Draft;
    return typeof d?.text === 'string' && typeof d?.target === 'string' ? d : null;
  } catch {
    return null;
  }
}

/** The draft text for `target`, or an empty string. */
export function draftFor(target: string): string {
  const d = loadDraft();
  return d && d.target === target ? d.text : '';
}

/** Saves (or, for empty text, clears) the draft of `target`. */
export function saveDraft(target: string, text: string): void {
  try {
    if (text.trim() === '') {
      if (loadDraft()?.target === target) sessionStorage.removeItem(KEY);
    } else {
      sessionStorage.setItem(KEY, JSON.stringify({ target, text } satisfies Draft));
    }
  } catch {
    /* storage unavailable */
  }
}

/** Forgets the draft of `target` once it was sent. */
export function clearDraft(target: string): void {
  saveDraft(target, '');
}
