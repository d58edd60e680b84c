// The conversation list (newest first) with delete-with-confirmation, plus the account links.
import { useState } from 'preact/hooks';
import type { ConversationSummary, User } from '../api/types';
import { timeAgo } from '../lib/format';
import type { Route } from '../lib/route';
import { ConfirmDialog } from './Dialog';
import { ErrorAlert } from './Alert';
import { Busy } from './Spinner';
import { TrashIcon } from './Icons';

interface SidebarProps {
  user: User;
  route: Route;
  conversations: ConversationSummary[] | null;
  listError: string;
  open: boolean;
  /** Shows the admin page link (the admin API answered this user). */
  isAdmin: boolean;
  onDelete: (id: string) => Promise<void>;
  onLogout: () => void;
  onRetry: () => void;
}

/** The navigation column; off-canvas on narrow screens (`open`). */
export function Sidebar({ user, route, conversations, listError, open, isAdmin, onDelete, onLogout, onRetry }: SidebarProps) {
  const [pending, setPending] = useState<ConversationSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const confirmDelete = async () => {
    if (!pending) return;
    setBusy(true);
    setError('');
    try {
      await onDelete(pending.id);
      setPending(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const currentId = route.name === 'conversation' ? route.id : null;
  return (
    <aside id="sidebar" class={open ? 'sidebar sidebar-open' : 'sidebar'} aria-label="Conversations and account">
      <div class="sidebar-head">
        <a class="brand brand-small" href="#/new">
          LLM Council
        </a>
        <a class="button button-primary button-block" href="#/new" aria-current={route.name === 'new' ? 'page' : undefined}>
          + New inquiry
        </a>
      </div>
      <nav class="conversation-nav" aria-label="Conversations">
        <h2 class="sidebar-heading">History</h2>
        {listError && (
          <ErrorAlert message={listError}>
            <button type="button" class="button" onClick={onRetry}>
              Try again
            </button>
          </ErrorAlert>
        )}
        {conversations === null && !listError && <Busy text="Loading conversations…" />}
        {conversations?.length === 0 && <p class="muted empty">No conversations yet. Ask the council something.</p>}
        {conversations && conversations.length > 0 && (
          <ul class="conversation-list" data-testid="conversation-list">
            {conversations.map((c) => (
              <li key={c.id} class={c.id === currentId ? 'conversation-item active' : 'conversation-item'}>
                <a href={`#/c/${c.id}`} aria-current={c.id === currentId ? 'page' : undefined} data-id={c.id}>
                  <span class="conversation-title">{c.title || 'New Conversation'}</span>
                  <span class="conversation-meta">
                    {timeAgo(c.created_at)} · {c.message_count} message{c.message_count === 1 ? '' : 's'}
                  </span>
                </a>
                <button
                  type="button"
                  class="icon-button"
                  aria-label={`Delete conversation “${c.title || 'New Conversation'}”`}
                  title="Delete conversation"
                  onClick={() => {
                    setError('');
                    setPending(c);
                  }}
                >
                  <TrashIcon />
                </button>
              </li>
            ))}
          </ul>
        )}
      </nav>
      <div class="sidebar-foot">
        <p class="user-email" title={user.email}>
          <span class="visually-hidden">Signed in as </span>
          {user.email}
        </p>
        <div class="sidebar-actions">
          <a class="button" href="#/settings" aria-current={route.name === 'settings' ? 'page' : undefined}>
            Settings
          </a>
          {isAdmin && (
            <a class="button" href="#/admin" aria-current={route.name === 'admin' ? 'page' : undefined}>
              Admin
            </a>
          )}
          <button type="button" class="button" onClick={onLogout}>
            Sign out
          </button>
        </div>
      </div>
      {pending && (
        <ConfirmDialog
          title="Delete conversation?"
          message={
            <p>
              “{pending.title || 'New Conversation'}” and all its answers will be deleted for good.
            </p>
          }
          confirmLabel="Delete"
          busy={busy}
          error={error}
          onConfirm={confirmDelete}
          onCancel={() => setPending(null)}
        />
      )}
    </aside>
  );
}
