/*
 * Saving parts of a form in the background, one request per part at a time: what the quiz's
 * answers (quizzes/autosave.js) and the action plan's rows (learning/static/js/plan_autosave.js)
 * share. A page's script says what a part is, what it sends and what an answer means; this
 * says when to send and what to do when sending fails.
 *
 * A part is saved on change, and DEBOUNCE_MS after typing stops where the page asks for it.
 * Its [data-save-status] (aria-live) says "Saving…", then "Saved" or why it was not saved. A
 * failure that passes (no connection, the server busy or restarting: a network error, 408, 429
 * or 5xx) says "Not saved yet — retrying" and is tried again with back-off (1 s, 2 s, 4 s …
 * 30 s at most, or the server's Retry-After), and at once when the browser comes back online,
 * until it is saved. A refusal (any other 4xx) is shown as the page words it and not retried.
 * Submitting the form stops every background save (the plain post carries everything); hiding
 * the page sends what is waiting with keepalive. Once listening, the form is marked
 * data-autosave-ready (the browser tests wait for it).
 *
 * Plain ES2017, no dependencies, no requests elsewhere.
 */
(() => {
  "use strict";

  const DEBOUNCE_MS = 800;
  const FIRST_RETRY_MS = 1000;
  const MAX_RETRY_MS = 30000;
  // A server that accepted the connection but never answers counts as a failure to retry.
  const REQUEST_TIMEOUT_MS = 15000;

  function readConfig(element) {
    if (!element) {
      return null;
    }
    try {
      const value = JSON.parse(element.textContent);
      return value && typeof value === "object" ? value : null;
    } catch (error) {
      return null;
    }
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function setStatus(part, state, text) {
    const status = part.querySelector("[data-save-status]");
    if (status) {
      status.textContent = text || "";
      status.setAttribute("data-save-state", state);
    }
  }

  async function readJson(response) {
    try {
      return await response.json();
    } catch (error) {
      return null;
    }
  }

  function transient(status) {
    return status === 408 || status === 429 || status >= 500;
  }

  /*
   * page: {
   *   form, partSelector, messages: {saving, saved, retrying, failed},
   *   snapshot(part) -> string: what the part now says (equal snapshots are not sent again),
   *   request(part) -> {url, body}: what to send,
   *   saved(part, data, snapshot) -> bool: a 2xx answer; false if it was not what was expected,
   *   answered(part, response, data) -> bool (optional): true when the page dealt with it,
   *   refused(part, data) -> string: the refusal's words (the generic "failed" when empty),
   *   paused(part) -> bool (optional): the writer must choose before the part is sent again,
   *   debounced(target) -> bool: whether typing in this input waits for a pause,
   *   trackedChange(target) -> bool (optional): whether a change of this input is saved,
   * }
   */
  function attach(page) {
    const form = page.form;
    const messages = page.messages || {};
    const pageHadErrors = document.getElementById("form-error") !== null;
    const states = new WeakMap();
    let submitting = false;

    function stateOf(part) {
      let state = states.get(part);
      if (!state) {
        state = {
          timer: null,
          retryTimer: null,
          failures: 0,
          inFlight: false,
          again: false,
          lastSaved: null,
        };
        states.set(part, state);
      }
      return state;
    }

    function partOf(target) {
      if (!target || typeof target.closest !== "function") {
        return null;
      }
      const part = target.closest(page.partSelector);
      return part && form.contains(part) ? part : null;
    }

    function allParts() {
      return Array.from(form.querySelectorAll(page.partSelector));
    }

    function csrfToken() {
      const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
      if (match) {
        return decodeURIComponent(match[1]);
      }
      const input = form.querySelector('input[name="csrfmiddlewaretoken"]');
      return input ? input.value : "";
    }

    function retryDelay(state, response) {
      const header = response ? response.headers.get("Retry-After") : null;
      const seconds = header ? parseInt(header, 10) : NaN;
      if (!Number.isNaN(seconds) && seconds >= 0) {
        return Math.min(seconds * 1000, MAX_RETRY_MS);
      }
      const backOff = Math.min(FIRST_RETRY_MS * 2 ** (state.failures - 1), MAX_RETRY_MS);
      // A little jitter, so a classroom that lost the connection together does not retry in step.
      return backOff / 2 + Math.random() * (backOff / 2);
    }

    function cancelRetry(state) {
      if (state.retryTimer !== null) {
        window.clearTimeout(state.retryTimer);
        state.retryTimer = null;
      }
    }

    function cancelTimer(part) {
      const state = stateOf(part);
      if (state.timer !== null) {
        window.clearTimeout(state.timer);
        state.timer = null;
      }
    }

    function retryLater(part, state, response) {
      state.failures += 1;
      setStatus(part, "retrying", messages.retrying || messages.failed);
      cancelRetry(state);
      state.retryTimer = window.setTimeout(() => {
        state.retryTimer = null;
        save(part);
      }, retryDelay(state, response));
    }

    async function save(part, options) {
      const state = stateOf(part);
      cancelRetry(state);
      if (page.paused && page.paused(part)) {
        return;
      }
      if (state.inFlight) {
        // One request per part at a time, so its saves reach the server in order.
        state.again = true;
        return;
      }
      const snapshot = page.snapshot(part);
      if (snapshot === state.lastSaved) {
        // Back to what the server has (a retry was waiting for a newer value): nothing to send.
        if (state.failures) {
          state.failures = 0;
          setStatus(part, "saved", messages.saved);
        }
        return;
      }
      state.inFlight = true;
      setStatus(part, "saving", messages.saving);
      const controller = typeof AbortController === "function" ? new AbortController() : null;
      const timeout = controller
        ? window.setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS)
        : null;
      const request = page.request(part);
      try {
        const response = await fetch(request.url, {
          method: "PUT",
          signal: controller ? controller.signal : undefined,
          credentials: "same-origin",
          keepalive: Boolean(options && options.keepalive),
          headers: {
            Accept: "application/json",
            "Content-Type": "application/json",
            "X-CSRFToken": csrfToken(),
            "X-Requested-With": "XMLHttpRequest",
          },
          body: request.body,
        });
        const data = await readJson(response);
        if (response.ok && page.saved(part, data, snapshot)) {
          state.lastSaved = snapshot;
          state.failures = 0;
          setStatus(part, "saved", messages.saved);
        } else if (page.answered && page.answered(part, response, data)) {
          state.failures = 0;
          state.again = false;
        } else if (transient(response.status)) {
          retryLater(part, state, response);
        } else {
          state.failures = 0;
          setStatus(part, "failed", page.refused(part, data) || messages.failed);
        }
      } catch (error) {
        // No answer at all: offline, or the server is restarting.
        retryLater(part, state, null);
      } finally {
        if (timeout !== null) {
          window.clearTimeout(timeout);
        }
        state.inFlight = false;
        if (state.again && !submitting) {
          state.again = false;
          save(part);
        }
      }
    }

    // What the page shows is what is saved, unless the page comes back with errors.
    if (!pageHadErrors) {
      allParts().forEach((part) => {
        stateOf(part).lastSaved = page.snapshot(part);
      });
    }

    form.addEventListener("change", (event) => {
      const part = partOf(event.target);
      if (!part || submitting || (page.trackedChange && !page.trackedChange(event.target))) {
        return;
      }
      cancelTimer(part);
      save(part);
    });

    form.addEventListener("input", (event) => {
      const part = partOf(event.target);
      if (!part || submitting || !page.debounced(event.target)) {
        return;
      }
      const state = stateOf(part);
      cancelTimer(part);
      state.timer = window.setTimeout(() => {
        state.timer = null;
        save(part);
      }, DEBOUNCE_MS);
    });

    // The plain post carries everything: no background save should race it.
    form.addEventListener("submit", () => {
      submitting = true;
      allParts().forEach((part) => {
        cancelTimer(part);
        cancelRetry(stateOf(part));
      });
    });

    // Back online: retry what is waiting now rather than at the end of its back-off.
    window.addEventListener("online", () => {
      allParts().forEach((part) => {
        if (stateOf(part).retryTimer !== null && !submitting) {
          save(part);
        }
      });
    });

    // Leaving or hiding the page while typing: send what is waiting, even as the page unloads.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState !== "hidden" || submitting) {
        return;
      }
      allParts().forEach((part) => {
        if (stateOf(part).timer !== null) {
          cancelTimer(part);
          save(part, { keepalive: true });
        }
      });
    });

    // Listening from here on: a part changed before this point is sent with the form.
    form.setAttribute("data-autosave-ready", "");

    return {
      save,
      // What the part now says is what the server has (the writer took the server's version).
      remember(part) {
        stateOf(part).lastSaved = page.snapshot(part);
      },
      // Send the part even if it says what was last saved (the writer chose to keep theirs).
      forget(part) {
        stateOf(part).lastSaved = null;
      },
    };
  }

  window.PSRBackgroundSave = { attach, element, readConfig, setStatus };
})();
