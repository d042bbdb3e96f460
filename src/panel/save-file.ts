/**
 * Saves bytes as a file the user downloads: an `<a download>` on a blob URL (works in DevTools
 * extension panels, extension pages and the standalone viewer; no extra permission).
 */

/** Offers `bytes` as a download named `fileName`. */
export function saveFile(bytes: Uint8Array, fileName: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
