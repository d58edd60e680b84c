// Markdown to sanitised HTML: marked renders, DOMPurify strips anything executable; links open in a new tab.
import { marked } from 'marked';
import DOMPurify from 'dompurify';

let hooked = false;

function addLinkHook(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
}

/** Safe HTML for `text` written in GitHub-flavoured markdown. */
export function renderMarkdown(text: string): string {
  addLinkHook();
  const html = marked.parse(text ?? '', { async: false, gfm: true, breaks: false });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'button'] });
}
