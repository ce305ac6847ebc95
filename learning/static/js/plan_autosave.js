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
 * When and how a row is sent, retried and told is quizzes/background_save.js's (loaded first).
 *
 * Configuration: <script type="application/json" id="plan-autosave-config">. Plain ES2017, no
 * dependencies, no requests elsewhere.
 */
(() => {
  "use strict";

  const FIELDS = ["owner", "contact", "phase", "target_date", "note"];

  const background = window.PSRBackgroundSave;
  const form = document.querySelector("form[data-plan-autosave]");
  if (!background || !form || typeof window.fetch !== "function") {
    return;
  }
  const config = background.readConfig(document.getElementById("plan-autosave-config"));
  if (!config || typeof config.itemUrl !== "string" || !config.itemUrl) {
    return;
  }
  const { element, setStatus } = background;
  const baseUrl = config.itemUrl.endsWith("/") ? config.itemUrl : `${config.itemUrl}/`;
  const progressLine = document.querySelector("[data-plan-progress]");
  // The other person's version of a row, while its writer has not chosen between the two.
  const conflicts = new WeakMap();
  let saver = null;

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
    conflicts.set(row, current);
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
    const current = conflicts.get(row);
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
    conflicts.delete(row);
    saver.remember(row);
    hideConflict(row);
    clearErrors(row);
    updatePrintRow(row, rowValues(row));
    setStatus(row, "saved", config.saved);
  }

  function keepMine(row) {
    const current = conflicts.get(row);
    if (!current) {
      return;
    }
    // Mine, sent again over the version the other person saved: a choice, not an accident.
    setVersion(row, current.version);
    conflicts.delete(row);
    saver.forget(row);
    hideConflict(row);
    saver.save(row);
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

  saver = background.attach({
    form,
    partSelector: "li[data-item-id]",
    messages: config,
    snapshot: (row) => JSON.stringify(rowValues(row)),
    request: (row) => ({
      url: `${baseUrl}${encodeURIComponent(row.dataset.itemId)}/`,
      body: JSON.stringify(Object.assign({}, rowValues(row), { version: version(row) })),
    }),
    saved(row, data, snapshot) {
      if (!data || typeof data.version !== "number") {
        return false;
      }
      setVersion(row, data.version);
      clearErrors(row);
      updateProgress(data);
      updatePrintRow(row, JSON.parse(snapshot));
      return true;
    },
    answered(row, response, data) {
      if (response.status !== 409 || !data || !data.current) {
        return false;
      }
      showConflict(row, data.error || "", data.current);
      return true;
    },
    refused: refusal,
    // The writer chooses between the two versions first.
    paused: (row) => conflicts.has(row),
    trackedChange: (target) => target.hasAttribute("data-field"),
    debounced(target) {
      const name = target.getAttribute ? target.getAttribute("data-field") : null;
      return name === "contact" || name === "note";
    },
  });

  // A conflict the plain post found: the same two choices as one found while typing.
  Array.from(form.querySelectorAll("li[data-item-id]")).forEach((row) => {
    const found = config.conflicts && config.conflicts[row.dataset.itemId];
    if (found && found.current) {
      showConflict(row, found.message || "", found.current);
    }
  });

  form.addEventListener("click", (event) => {
    const row = event.target.closest ? event.target.closest("li[data-item-id]") : null;
    if (!row || !form.contains(row)) {
      return;
    }
    if (event.target.closest("[data-use-theirs]")) {
      useTheirs(row);
    } else if (event.target.closest("[data-keep-mine]")) {
      keepMine(row);
    }
  });
})();
