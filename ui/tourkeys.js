// The guided tour's keys (sent by ui/tourbar.py with the banner). Right and Left arrows
// open the next and the previous step; in presentation mode Page Down and Page Up do too,
// which is what a presenter's clicker sends (in normal mode they keep scrolling a long
// page). Static code: no value from the visitor or the link is ever written into it.
(() => {
  if (window.activationExplorerTourKeys) return;  // once per tab: the banner is redrawn
  window.activationExplorerTourKeys = true;
  const STEP = { ArrowRight: "next", ArrowLeft: "back", PageDown: "next", PageUp: "back" };
  // Where the key already means something: a slider's thumb, a text box, tabs, a menu.
  const OWN_KEYS = "input, textarea, select, [contenteditable='true'], [role='slider'], " +
    "[role='tab'], [role='listbox'], [role='option'], [role='combobox'], [role='menu'], " +
    "[role='menuitem'], [role='dialog']";
  document.addEventListener("keydown", (event) => {
    const which = STEP[event.key];
    if (!which || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey ||
        event.shiftKey || event.repeat) return;
    if (event.target instanceof Element && event.target.closest(OWN_KEYS)) return;
    const presenting = new URLSearchParams(location.search).get("present") === "true";
    if (event.key.startsWith("Page") && !presenting) return;
    // The banner's own link: the key does exactly what a click does, and nothing where
    // the banner has no such link (no Back on the first step, no banner off the tour).
    const link = document.querySelector(`.st-key-tourbar_${which} a`);
    if (!link) return;
    event.preventDefault();
    link.click();
  });
})();
