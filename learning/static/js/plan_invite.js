/*
 * The invitation page: a button copies the one-time link (shown only where the clipboard can
 * be written; without it, the link's field is selected for the reader to copy).
 */
(() => {
  "use strict";

  const input = document.querySelector("[data-invite-link]");
  const button = document.querySelector("[data-copy-link]");
  const status = document.querySelector("[data-copy-status]");
  if (!input || !button) {
    return;
  }
  const copied = button.getAttribute("data-copied") || "";
  button.hidden = false;
  input.addEventListener("focus", () => input.select());
  button.addEventListener("click", async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      if (status) {
        status.textContent = copied;
      }
    } catch (error) {
      if (status) {
        status.textContent = button.getAttribute("data-copy-failed") || "";
      }
    }
  });
})();
