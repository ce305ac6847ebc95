/*
 * The header's Menu button on small screens: it shows and hides the navigation.
 *
 * site.css folds the navigation behind the button only on narrow screens and only when
 * scripts run (@media (scripting: enabled)), so without this file the navigation stays in view.
 * The state lives in the button's aria-expanded, which the stylesheet reads.
 */
(() => {
  "use strict";

  const button = document.querySelector("[data-menu-toggle]");
  const menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) return;

  const isOpen = () => button.getAttribute("aria-expanded") === "true";
  const setOpen = (open) => button.setAttribute("aria-expanded", String(open));

  button.addEventListener("click", () => setOpen(!isOpen()));

  // Escape closes the menu from inside it and gives the focus back to the button.
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && isOpen()) {
      setOpen(false);
      button.focus();
    }
  });
  button.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && isOpen()) setOpen(false);
  });
})();
