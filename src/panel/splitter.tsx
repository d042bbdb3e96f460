/**
 * A drag handle between two panes. `dir="row"` resizes heights (horizontal bar), `"col"`
 * widths. Reports the pointer movement in CSS px since the last call; arrow keys move 16 px.
 */
import { useRef } from 'preact/hooks';

/** Props: direction, accessible label, and the movement callback. */
export function Splitter({ dir, label, onDrag }: { dir: 'row' | 'col'; label: string; onDrag: (deltaPx: number) => void }) {
  const last = useRef<number | undefined>(undefined);
  const pos = (e: PointerEvent): number => (dir === 'row' ? e.clientY : e.clientX);
  return (
    <div
      class={`splitter ${dir}`}
      role="separator"
      aria-orientation={dir === 'row' ? 'horizontal' : 'vertical'}
      aria-label={label}
      tabIndex={0}
      onPointerDown={(e) => {
        last.current = pos(e);
        (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (last.current === undefined || (e.buttons & 1) === 0) return;
        const p = pos(e);
        const d = p - last.current;
        if (d === 0) return;
        last.current = p;
        onDrag(d);
      }}
      onPointerUp={() => (last.current = undefined)}
      onKeyDown={(e) => {
        const k = e.key;
        const d = (dir === 'row' ? (k === 'ArrowDown' ? 1 : k === 'ArrowUp' ? -1 : 0) : k === 'ArrowRight' ? 1 : k === 'ArrowLeft' ? -1 : 0) * 16;
        if (d) {
          e.preventDefault();
          onDrag(d);
        }
      }}
    />
  );
}
