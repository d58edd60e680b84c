// Component tests of "Download my data": GET /api/export with the bearer token, the ZIP handed to the browser as a
// blob through an object URL under the server's file name, and a refused export shown as its sentence.
// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, sentTo, signIn, type SentRequest } from '../../test-support/fakeApi';
import { ExportSection } from './ExportSection';

const ZIP = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);
let sent: SentRequest[];
let created: Blob[];
let clicked: { href: string; download: string }[];
let revoked: string[];

function zipAnswer() {
  return new Response(ZIP, {
    status: 200,
    headers: { 'content-type': 'application/zip', 'content-disposition': 'attachment; filename="council-export.zip"' },
  });
}

const download = () => fireEvent.click(screen.getByRole('button', { name: 'Download my data' }));

beforeEach(() => {
  signIn();
  created = [];
  clicked = [];
  // jsdom has no object URLs; each test file runs in its own environment, so these do not leak.
  URL.createObjectURL = vi.fn((blob: Blob) => {
    created.push(blob);
    return 'blob:export-1';
  });
  revoked = [];
  URL.revokeObjectURL = (url: string) => void revoked.push(url);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ href: this.href, download: this.download });
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('ExportSection', () => {
  it('fetches /api/export with the token and saves the ZIP from a blob', async () => {
    sent = fakeApi({ 'GET /api/export': zipAnswer });
    render(<ExportSection />);
    download();
    expect((await screen.findByRole('status')).textContent).toBe('Downloaded council-export.zip.');
    const [request] = sentTo(sent, 'GET', '/api/export');
    expect(request.headers.get('authorization')).toBe('Bearer test-access');
    expect(created).toHaveLength(1);
    expect(created[0].type).toBe('application/zip');
    expect(new Uint8Array(await created[0].arrayBuffer())).toEqual(ZIP);
    expect(clicked).toEqual([{ href: 'blob:export-1', download: 'council-export.zip' }]);
    await waitFor(() => expect(revoked).toEqual(['blob:export-1']));
    expect(document.querySelector('a[download]')).toBeNull();
  });

  it('shows the sentence of a failed export and saves nothing', async () => {
    fakeApi({ 'GET /api/export': () => [502, { detail: 'The account service did not answer.' }] });
    render(<ExportSection />);
    download();
    expect((await screen.findByRole('alert')).textContent).toBe('The account service did not answer.');
    expect(created).toHaveLength(0);
    expect(clicked).toHaveLength(0);
  });
});
