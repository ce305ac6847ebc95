/*
 * The Collaborative Action Plan's worksheet: save each task's row as it changes.
 *
 * Progressive enhancement only: the form posts every row with its version and saves without
 * this script. Each task is an <li data-item-id> whose fields carry data-field (owner, contact,
 * phase, target_date, note) and whose hidden [data-version] is the version the row was read
 * at. On change (and 800 ms after typing stops in the contact or the note) the row is sent with
 * PUT, with that version, to the plan's JSON endpoint; the row's [data-save-status] (aria-live)
 * says "Saving…", then "Saved", or why it was not saved.
 *
 * 200: the row's new version is kept for the next save, and the progress line updated.
 * 409: someone saved the row since it was read: their version is shown with two buttons, "Use
 * their version" (the fields take it) and "Keep mine" (sent again over their version). Nothing
 * is overwritten without the writer choosing, and the row is not saved again until they do.
 * A failure that passes (no connection, 408, 429, 5xx) says "Not saved yet — retrying" and is
 * tried again with back-off (1 s … 30 s, or the server's Retry-After), at once when the browser
 * comes back online; another refusal (400 with the field's message, 403, 404) is shown as is.
 *
 * Configuration: <script type="application/json" id="plan-autosave-config">. Plain ES2017, no
 * dependencies, no requests elsewhere (quizzes/static/quizzes/autosave.js is the model).
 */
(() => {
  "use strict";

  const DEBOUNCE_MS = 800;
  const FIRST_RETRY_MS = 1000;
  const MAX_RETRY_MS = 30000;
  const REQUEST_TIMEOUT_MS = 15000;
  const FIELDS = ["owner", "contact", "phase", "target_date", "note"];

  const form = document.querySelector("form[data-plan-autosave]");
  const configElement = document.getElementById("plan-autosave-config");
  if (!form || !configElement || typeof window.fetch !== "function") {
    return;
  }
  let config = null;
  try {
    config = JSON.parse(configElement.textContent);
  } catch (error) {
    config = null;
  }
  if (!config || typeof config.itemUrl !== "string" || !config.itemUrl) {
    return;
  }
  const baseUrl = config.itemUrl.endsWith("/") ? config.itemUrl : `${config.itemUrl}/`;
  const pageHadErrors = document.getElementById("form-error") !== null;
  const progressLine = document.querySelector("[data-plan-progress]");
  const states = new WeakMap();
  let submitting = false;

  function stateOf(row) {
    let state = states.get(row);
    if (!state) {
      state = {
        timer: null,
        retryTimer: null,
        failures: 0,
        inFlight: false,
        again: false,
        lastSaved: null,
        conflict: null,
      };
      states.set(row, state);
    }
    return state;
  }

  function rowOf(element) {
    if (!element || typeof element.closest !== "function") {
      return null;
    }
    const row = element.closest("li[data-item-id]");
    return row && form.contains(row) ? row : null;
  }

  function field(row, name) {
    return row.querySelector(`[data-field="${name}"]`);
  }

  function rowValues(row) {
    const values = {};
    FIELDS.forEach((name) => {
      const input = field(row, name);
      values[name] = input ? input.value.trim() : "";
    });
    return values;
  }

  function versionInput(row) {
    return row.querySelector("input[data-version]");
  }

  function version(row) {
    const input = versionInput(row);
    const value = input ? parseInt(input.value, 10) : NaN;
    return Number.isNaN(value) ? 0 : value;
  }

  function setVersion(row, value) {
    const input = versionInput(row);
    if (input && typeof value === "number") {
      input.value = String(value);
    }
  }

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) {
      return decodeURIComponent(match[1]);
    }
    const input = form.querySelector('input[name="csrfmiddlewaretoken"]');
    return input ? input.value : "";
  }

  function setStatus(row, state, text) {
    const status = row.querySelector("[data-save-status]");
    if (status) {
      status.textContent = text || "";
      status.setAttribute("data-save-state", state);
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

  function optionLabel(row, name, value) {
    const select = field(row, name);
    if (!select || !select.options || !value) {
      return value || "";
    }
    const option = Array.from(select.options).find((candidate) => candidate.value === value);
    return option ? option.textContent : value;
  }

  /* The printed table follows what the row now says. */
  function updatePrintRow(row, values) {
    const printed = document.querySelector(`[data-print-row="${row.dataset.itemId}"]`);
    if (!printed) {
      return;
    }
    const cells = {
      owner: optionLabel(row, "owner", values.owner),
      contact: values.contact,
      when: values.target_date || optionLabel(row, "phase", values.phase),
      note: values.note,
    };
    Object.keys(cells).forEach((name) => {
      const cell = printed.querySelector(`[data-print="${name}"]`);
      if (cell) {
        cell.textContent = cells[name] || "—";
      }
    });
  }

  function updateProgress(data) {
    if (!progressLine || typeof data.owned !== "number" || typeof data.total !== "number") {
      return;
    }
    const template = data.total === 1 ? config.progressOne : config.progress;
    if (typeof template === "string") {
      progressLine.textContent = template
        .replace("{owned}", String(data.owned))
        .replace("{total}", String(data.total));
    }
  }

  function clearErrors(row) {
    row.querySelectorAll("[data-field]").forEach((input) => {
      if (input.getAttribute("aria-invalid") === "true") {
        input.removeAttribute("aria-invalid");
      }
    });
  }

  function hideConflict(row) {
    const box = row.querySelector("[data-conflict]");
    if (box) {
      box.textContent = "";
      box.hidden = true;
    }
    row.classList.remove("plan-task--attention");
  }

  function theirsText(row, current) {
    const labels = config.labels || {};
    return FIELDS.map((name) => {
      let value = current[name] || "";
      if (name === "owner" || name === "phase") {
        value = optionLabel(row, name, value);
      }
      return `${labels[name] || name}: ${value || "—"}`;
    }).join(" · ");
  }

  function showConflict(row, message, current) {
    const state = stateOf(row);
    state.conflict = current;
    const box = row.querySelector("[data-conflict]");
    if (box) {
      box.textContent = "";
      box.appendChild(element("p", "plan-conflict__message", message));
      const theirs = element("p", "plan-conflict__theirs");
      theirs.appendChild(element("strong", "", config.theirVersion));
      theirs.appendChild(document.createTextNode(` ${theirsText(row, current)}`));
      box.appendChild(theirs);
      const buttons = element("p", "plan-conflict__buttons");
      const useTheirs = element("button", "button button--secondary", config.useTheirs);
      useTheirs.type = "button";
      useTheirs.setAttribute("data-use-theirs", "");
      const keepMine = element("button", "button", config.keepMine);
      keepMine.type = "button";
      keepMine.setAttribute("data-keep-mine", "");
      buttons.appendChild(useTheirs);
      buttons.appendChild(keepMine);
      box.appendChild(buttons);
      box.hidden = false;
    }
    row.classList.add("plan-task--attention");
    setStatus(row, "conflict", message);
  }

  function useTheirs(row) {
    const state = stateOf(row);
    const current = state.conflict;
    if (!current) {
      return;
    }
    FIELDS.forEach((name) => {
      const input = field(row, name);
      if (input) {
        input.value = current[name] || "";
      }
    });
    setVersion(row, current.version);
    state.conflict = null;
    state.lastSaved = JSON.stringify(rowValues(row));
    hideConflict(row);
    clearErrors(row);
    updatePrintRow(row, rowValues(row));
    setStatus(row, "saved", config.saved);
  }

  function keepMine(row) {
    const state = stateOf(row);
    const current = state.conflict;
    if (!current) {
      return;
    }
    // Mine, sent again over the version the other person saved: a choice, not an accident.
    setVersion(row, current.version);
    state.conflict = null;
    state.lastSaved = null;
    hideConflict(row);
    save(row);
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

  function retryDelay(state, response) {
    const header = response ? response.headers.get("Retry-After") : null;
    const seconds = header ? parseInt(header, 10) : NaN;
    if (!Number.isNaN(seconds) && seconds >= 0) {
      return Math.min(seconds * 1000, MAX_RETRY_MS);
    }
    const backOff = Math.min(FIRST_RETRY_MS * 2 ** (state.failures - 1), MAX_RETRY_MS);
    return backOff / 2 + Math.random() * (backOff / 2);
  }

  function cancelRetry(state) {
    if (state.retryTimer !== null) {
      window.clearTimeout(state.retryTimer);
      state.retryTimer = null;
    }
  }

  function retryLater(row, state, response) {
    state.failures += 1;
    setStatus(row, "retrying", config.retrying || config.failed);
    cancelRetry(state);
    state.retryTimer = window.setTimeout(() => {
      state.retryTimer = null;
      save(row);
    }, retryDelay(state, response));
  }

  function refusal(row, data) {
    if (data && data.errors && typeof data.errors === "object") {
      const texts = [];
      Object.keys(data.errors).forEach((name) => {
        const input = field(row, name);
        if (input) {
          input.setAttribute("aria-invalid", "true");
        }
        const list = Array.isArray(data.errors[name]) ? data.errors[name] : [data.errors[name]];
        list.forEach((text) => texts.push(String(text)));
      });
      return texts.join(" ");
    }
    return data && typeof data.error === "string" ? data.error : "";
  }

  async function save(row, options) {
    const state = stateOf(row);
    cancelRetry(state);
    if (state.conflict) {
      return; // the writer chooses first
    }
    if (state.inFlight) {
      state.again = true;
      return;
    }
    const values = rowValues(row);
    const snapshot = JSON.stringify(values);
    if (snapshot === state.lastSaved) {
      if (state.failures) {
        state.failures = 0;
        setStatus(row, "saved", config.saved);
      }
      return;
    }
    state.inFlight = true;
    setStatus(row, "saving", config.saving);
    const controller = typeof AbortController === "function" ? new AbortController() : null;
    const timeout = controller
      ? window.setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS)
      : null;
    try {
      const response = await fetch(baseUrl + encodeURIComponent(row.dataset.itemId) + "/", {
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
        body: JSON.stringify(Object.assign({}, values, { version: version(row) })),
      });
      const data = await readJson(response);
      if (response.ok && data && typeof data.version === "number") {
        setVersion(row, data.version);
        state.lastSaved = snapshot;
        state.failures = 0;
        clearErrors(row);
        setStatus(row, "saved", config.saved);
        updateProgress(data);
        updatePrintRow(row, values);
      } else if (response.status === 409 && data && data.current) {
        state.failures = 0;
        state.again = false;
        showConflict(row, data.error || "", data.current);
      } else if (transient(response.status)) {
        retryLater(row, state, response);
      } else {
        state.failures = 0;
        setStatus(row, "failed", refusal(row, data) || config.failed);
      }
    } catch (error) {
      retryLater(row, state, null);
    } finally {
      if (timeout !== null) {
        window.clearTimeout(timeout);
      }
      state.inFlight = false;
      if (state.again && !submitting) {
        state.again = false;
        save(row);
      }
    }
  }

  function cancelTimer(row) {
    const state = stateOf(row);
    if (state.timer !== null) {
      window.clearTimeout(state.timer);
      state.timer = null;
    }
  }

  function allRows() {
    return Array.from(form.querySelectorAll("li[data-item-id]"));
  }

  allRows().forEach((row) => {
    if (!pageHadErrors) {
      stateOf(row).lastSaved = JSON.stringify(rowValues(row));
    }
    // A conflict the plain post found: the same two choices as one found while typing.
    const found = config.conflicts && config.conflicts[row.dataset.itemId];
    if (found && found.current) {
      showConflict(row, found.message || "", found.current);
    }
  });

  form.addEventListener("change", (event) => {
    const row = rowOf(event.target);
    if (!row || submitting || !event.target.hasAttribute("data-field")) {
      return;
    }
    cancelTimer(row);
    save(row);
  });

  form.addEventListener("input", (event) => {
    const row = rowOf(event.target);
    const name = event.target.getAttribute ? event.target.getAttribute("data-field") : null;
    if (!row || submitting || (name !== "contact" && name !== "note")) {
      return;
    }
    const state = stateOf(row);
    cancelTimer(row);
    state.timer = window.setTimeout(() => {
      state.timer = null;
      save(row);
    }, DEBOUNCE_MS);
  });

  form.addEventListener("click", (event) => {
    const row = rowOf(event.target);
    if (!row || !event.target.closest) {
      return;
    }
    if (event.target.closest("[data-use-theirs]")) {
      useTheirs(row);
    } else if (event.target.closest("[data-keep-mine]")) {
      keepMine(row);
    }
  });

  form.addEventListener("submit", () => {
    submitting = true;
    allRows().forEach((row) => {
      cancelTimer(row);
      cancelRetry(stateOf(row));
    });
  });

  window.addEventListener("online", () => {
    allRows().forEach((row) => {
      if (stateOf(row).retryTimer !== null && !submitting) {
        save(row);
      }
    });
  });

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "hidden" || submitting) {
      return;
    }
    allRows().forEach((row) => {
      if (stateOf(row).timer !== null) {
        cancelTimer(row);
        save(row, { keepalive: true });
      }
    });
  });

  form.setAttribute("data-autosave-ready", "");
})();
