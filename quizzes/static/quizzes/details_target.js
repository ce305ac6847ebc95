/*
 * Indicator details are closed <details> under the overview (issue 17): a link to one
 * (#indicator-<code>, from the overview's table or a shared address) opens it.
 */
(() => {
  "use strict";

  function openTarget() {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id ? document.getElementById(id) : null;
    if (target && target.tagName === "DETAILS" && !target.open) {
      target.open = true;
      target.scrollIntoView();
    }
  }

  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
