// "Download my data": the account, every conversation and a manifest of hashes as one ZIP (GET /api/export).
import { useState } from 'preact/hooks';
import { exportData } from '../../api/endpoints';
import { saveBlob } from '../../lib/download';
import { ErrorAlert, SuccessNote } from '../Alert';

/** Settings section that downloads the user's data. */
export function ExportSection() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [note, setNote] = useState('');

  const download = async () => {
    setBusy(true);
    setError('');
    setNote('');
    try {
      const { blob, filename } = await exportData();
      saveBlob(blob, filename);
      setNote(`Downloaded ${filename}.`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="export-title">
      <h2 id="export-title">Your data</h2>
      <p class="muted small">
        One ZIP file with your account (profile, sessions, security activity; never your key), every conversation with
        all its stages as JSON and as Markdown, and a manifest of each file's SHA-256.
      </p>
      <button type="button" class="button" disabled={busy} onClick={download}>
        {busy ? 'Preparing download…' : 'Download my data'}
      </button>
      {error && <ErrorAlert message={error} />}
      {note && <SuccessNote message={note} />}
    </section>
  );
}
