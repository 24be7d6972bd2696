// On a docs page every story renders at once, and components that move focus when they update
// (MfaForm focuses its field when the bank asks) would scroll the page to whichever story did it
// last. There, focus still moves, but without scrolling, unless the user just interacted.
let lastInput = 0;
const markInput = () => {
  lastInput = Date.now();
};

export function keepDocsPagesStill(): void {
  if (typeof window === 'undefined' || (window as { __basiqDocsFocus?: boolean }).__basiqDocsFocus)
    return;
  (window as { __basiqDocsFocus?: boolean }).__basiqDocsFocus = true;
  window.addEventListener('pointerdown', markInput, true);
  window.addEventListener('keydown', markInput, true);
  const focus = HTMLElement.prototype.focus;
  HTMLElement.prototype.focus = function (this: HTMLElement, options?: FocusOptions) {
    const quiet = this.closest('.docs-story') !== null && Date.now() - lastInput > 1000;
    focus.call(this, quiet ? { ...options, preventScroll: true } : options);
  };
}
