// The signed-in app: sidebar, routed main panel, and the council runs (kept here so they survive navigation).
import { useEffect, useState } from 'preact/hooks';
import { deleteConversation, listConversations, logout, models as fetchModels } from '../api/endpoints';
import { SessionExpiredError } from '../api/http';
import type { Conversation, ConversationSummary, ModelsInfo, User } from '../api/types';
import { clearDraft } from '../lib/draft';
import { navigate, useRoute, type Route } from '../lib/route';
import { ConversationView } from './ConversationView';
import { NewInquiry } from './NewInquiry';
import { SettingsPage } from './settings/SettingsPage';
import { AdminPage } from './admin/AdminPage';
import { useAdminAccess } from './admin/useAdminAccess';
import { Sidebar } from './Sidebar';
import { MenuIcon } from './Icons';
import { useCouncilRuns } from './useCouncilRuns';

function newestFirst(list: ConversationSummary[]): ConversationSummary[] {
  return [...list].sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
}

/** Document titles of the pages that have a fixed one. */
const PAGE_TITLES: Partial<Record<Route['name'], string>> = { settings: 'Settings', admin: 'Admin', new: 'New inquiry' };

/** Everything behind sign-in. */
export function Shell({ user }: { user: User }) {
  const route = useRoute();
  const isAdmin = useAdminAccess();
  const [conversations, setConversations] = useState<ConversationSummary[] | null>(null);
  const [listError, setListError] = useState('');
  const [modelsInfo, setModelsInfo] = useState<ModelsInfo | null>(null);
  const [modelsError, setModelsError] = useState('');
  const [navOpen, setNavOpen] = useState(false);

  const loadList = async () => {
    try {
      setConversations(newestFirst(await listConversations()));
      setListError('');
    } catch (e) {
      if (!(e instanceof SessionExpiredError)) setListError((e as Error).message);
    }
  };
  const loadModels = async () => {
    setModelsError('');
    try {
      setModelsInfo(await fetchModels());
    } catch (e) {
      if (!(e instanceof SessionExpiredError)) setModelsError((e as Error).message);
    }
  };

  const onTitle = (id: string, title: string) =>
    setConversations((list) => list?.map((c) => (c.id === id ? { ...c, title } : c)) ?? list);
  const { runs, ask, reattach, retrySynthesis, stop, dropRun } = useCouncilRuns(onTitle, () => void loadList());

  useEffect(() => {
    void loadList();
    void loadModels();
  }, []);
  useEffect(() => setNavOpen(false), [route]);
  useEffect(() => {
    const current = route.name === 'conversation' ? conversations?.find((c) => c.id === route.id)?.title : undefined;
    const page = PAGE_TITLES[route.name] ?? (current || 'Conversation');
    document.title = `${page} · LLM Council`;
  }, [route, conversations]);
  useEffect(() => {
    if (!navOpen) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setNavOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navOpen]);

  const onCreated = (conv: Conversation, question: string) => {
    setConversations((list) => [
      { id: conv.id, created_at: conv.created_at, title: conv.title, message_count: 0 },
      ...(list ?? []).filter((c) => c.id !== conv.id),
    ]);
    clearDraft('new');
    ask(conv.id, question);
    navigate({ name: 'conversation', id: conv.id });
  };

  const onDelete = async (id: string) => {
    await deleteConversation(id);
    setConversations((list) => list?.filter((c) => c.id !== id) ?? list);
    dropRun(id);
    if (route.name === 'conversation' && route.id === id) navigate({ name: 'new' });
  };

  const signOut = () => void logout();

  let main;
  if (route.name === 'conversation') {
    main = (
      <ConversationView
        key={route.id}
        id={route.id}
        run={runs[route.id]}
        onAsk={ask}
        onRunSaved={dropRun}
        onReattach={reattach}
        onRetrySynthesis={retrySynthesis}
        onStop={stop}
      />
    );
  } else if (route.name === 'settings') {
    main = <SettingsPage user={user} />;
  } else if (route.name === 'admin') {
    main = <AdminPage currentUserId={user.id} />;
  } else {
    main = <NewInquiry models={modelsInfo} modelsError={modelsError} onRetryModels={loadModels} onCreated={onCreated} />;
  }

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <button
          type="button"
          class="icon-button"
          aria-label="Open menu"
          aria-controls="sidebar"
          aria-expanded={navOpen}
          onClick={() => setNavOpen(!navOpen)}
        >
          <MenuIcon />
        </button>
        <span class="brand brand-small">LLM Council</span>
      </header>
      <Sidebar
        user={user}
        route={route}
        conversations={conversations}
        listError={listError}
        open={navOpen}
        isAdmin={isAdmin}
        onDelete={onDelete}
        onLogout={signOut}
        onRetry={loadList}
      />
      {navOpen && <div class="backdrop" onClick={() => setNavOpen(false)} aria-hidden="true" />}
      <main id="main" class="main" tabIndex={-1}>
        {main}
      </main>
    </div>
  );
}
