// Hands a fetched file to the browser as a download (the API needs the bearer token, so a plain link cannot).

/** Saves `blob` as `filename` through a temporary object URL, released once the download has started. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
