/**
 * Drag and drop of a trace file onto the viewer window. While a file is dragged over, the root
 * element gets `data-dragging` (styled as a drop target).
 */

/** Calls `onFile` with the first dropped file. */
export function installDropZone(root: HTMLElement, onFile: (file: File) => void): void {
  let depth = 0;
  const hasFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer?.types ?? []).includes('Files');
  root.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth++;
    root.setAttribute('data-dragging', '');
  });
  root.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  root.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) root.removeAttribute('data-dragging');
  });
  root.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    root.removeAttribute('data-dragging');
    const f = e.dataTransfer?.files?.[0];
    if (f) onFile(f);
  });
}
