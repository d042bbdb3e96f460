/**
 * The browser's file picker, opened from a button: a hidden `<input type=file>` clicked once and
 * removed after the choice. Shared by trace import and profile import.
 */

/** Opens the picker for files matching `accept` (an `<input accept>` list); `onFile` gets the chosen file, never called on cancel. */
export function pickFile(accept: string, onFile: (file: File) => void): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = accept;
  input.style.display = 'none';
  input.addEventListener('change', () => {
    const f = input.files?.[0];
    input.remove();
    if (f) onFile(f);
  });
  document.body.appendChild(input);
  input.click();
}
