/*
 * Quiz attempt page: save each answer in the background as the learner goes.
 *
 * Progressive enhancement only: the form posts and saves without this script. Each question
 * is a <fieldset data-question-id data-question-kind> whose inputs are named q<id> (and
 * q<id>-<task code> for role assignment selects). On change (and 800 ms after typing stops in
 * a text answer) the question's value is sent with PUT to the JSON API; the fieldset's
 * [data-save-status] (aria-live) says "Saving…", then "Saved" or why it was not saved, and
 * [data-feedback] shows the feedback when the quiz gives it immediately.
 *
 * A save that fails for a reason that passes (no connection, the server busy or restarting:
 * a network error, 408, 429 or 5xx) says "Not saved yet — retrying" and is tried again with
 * back-off (1 s, 2 s, 4 s … 30 s at most, or the server's Retry-After), and at once when the
 * browser comes back online, until it is saved. A refusal (any other 4xx) is shown as the
 * server words it and not retried: sending the same answer again would not help.
 *
 * Configuration: <script type="application/json" id="quiz-autosave-config"> with answerUrl,
 * saving, saved, retrying and failed. Plain ES2017, no dependencies, no requests elsewhere.
 */
(() => {
  "use strict";

  const DEBOUNCE_MS = 800;
  const FIRST_RETRY_MS = 1000;
  const MAX_RETRY_MS = 30000;
  // A server that accepted the connection but never answers counts as a failure to retry.
  const REQUEST_TIMEOUT_MS = 15000;

  const form = document.querySelector("form[data-autosave]");
  const configElement = document.getElementById("quiz-autosave-config");
  if (!form || !configElement || typeof window.fetch !== "function") {
    return;
  }

  const config = readConfig(configElement);
  if (!config || typeof config.answerUrl !== "string" || !config.answerUrl) {
    return;
  }
  const baseUrl = config.answerUrl.endsWith("/") ? config.answerUrl : `${config.answerUrl}/`;
  // Messages and feedback in the page's language, whatever the browser prefers.
  const language = document.documentElement.getAttribute("lang") || "";
  const pageHadErrors = document.getElementById("form-error") !== null;
  const states = new WeakMap();
  let submitting = false;

  function readConfig(element) {
    try {
      const value = JSON.parse(element.textContent);
      return value && typeof value === "object" ? value : null;
    } catch (error) {
      return null;
    }
  }

  function stateOf(fieldset) {
    let state = states.get(fieldset);
    if (!state) {
      state = {
        timer: null,
        retryTimer: null,
        failures: 0,
        inFlight: false,
        again: false,
        lastSaved: null,
      };
      states.set(fieldset, state);
    }
    return state;
  }

  function questionOf(element) {
    if (!element || typeof element.closest !== "function") {
      return null;
    }
    const fieldset = element.closest("fieldset[data-question-id]");
    return fieldset && form.contains(fieldset) ? fieldset : null;
  }

  function inputsNamed(fieldset, selector, name) {
    return Array.from(fieldset.querySelectorAll(selector)).filter((input) => input.name === name);
  }

  /* The answer as the API takes it: a code, a list of codes, {task: role}, 1–5 or text. */
  function questionValue(fieldset) {
    const name = `q${fieldset.dataset.questionId}`;
    const kind = fieldset.dataset.questionKind;
    if (kind === "multiple") {
      return inputsNamed(fieldset, 'input[type="checkbox"]', name)
        .filter((input) => input.checked)
        .map((input) => input.value);
    }
    if (kind === "role_assignment") {
      const prefix = `${name}-`;
      const assignments = {};
      Array.from(fieldset.querySelectorAll("select")).forEach((select) => {
        if (select.name.startsWith(prefix) && select.value) {
          assignments[select.name.slice(prefix.length)] = select.value;
        }
      });
      return assignments;
    }
    const textarea = fieldset.querySelector(`textarea[name="${name}"]`);
    if (kind === "free_text" || textarea) {
      return textarea ? textarea.value : "";
    }
    const checked = inputsNamed(fieldset, 'input[type="radio"]', name).find(
      (input) => input.checked,
    );
    if (!checked) {
      return null;
    }
    if (kind === "rating") {
      const rating = parseInt(checked.value, 10);
      return Number.isNaN(rating) ? null : rating;
    }
    return checked.value;
  }

  function bodyFor(fieldset) {
    return JSON.stringify({ value: questionValue(fieldset) });
  }

  function answerUrl(fieldset) {
    const url = baseUrl + encodeURIComponent(fieldset.dataset.questionId);
    return language ? `${url}?lang=${encodeURIComponent(language)}` : url;
  }

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) {
      return decodeURIComponent(match[1]);
    }
    const field = form.querySelector('input[name="csrfmiddlewaretoken"]');
    return field ? field.value : "";
  }

  function setStatus(fieldset, state, text) {
    const status = fieldset.querySelector("[data-save-status]");
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

  /* The same markup as quizzes/includes/answer_feedback.html, built as text, never as HTML. */
  function renderFeedback(feedback) {
    const verdictClass = feedback.is_correct ? "feedback--right" : "feedback--wrong";
    const box = element("div", `feedback ${verdictClass}`);
    const verdict = element("p", "feedback__verdict");
    verdict.appendChild(element("strong", "", feedback.verdict));
    box.appendChild(verdict);
    (feedback.choices || []).forEach((choice) => {
      if (choice.feedback) {
        box.appendChild(element("p", "", choice.feedback));
      }
    });
    if (feedback.explanation) {
      box.appendChild(element("p", "feedback__explanation", feedback.explanation));
    }
    return box;
  }

  function showFeedback(fieldset, data) {
    const container = fieldset.querySelector("[data-feedback]");
    if (!container || !data) {
      return;
    }
    if (data.feedback) {
      container.textContent = "";
      container.appendChild(renderFeedback(data.feedback));
    } else if (data.cleared) {
      container.textContent = "";
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

  function retryLater(fieldset, state, response) {
    state.failures += 1;
    setStatus(fieldset, "retrying", config.retrying || config.failed);
    cancelRetry(state);
    state.retryTimer = window.setTimeout(() => {
      state.retryTimer = null;
      save(fieldset);
    }, retryDelay(state, response));
  }

  async function save(fieldset, options) {
    const state = stateOf(fieldset);
    cancelRetry(state);
    if (state.inFlight) {
      // One request per question at a time, so answers reach the server in order.
      state.again = true;
      return;
    }
    const body = bodyFor(fieldset);
    if (body === state.lastSaved) {
      // Back to what the server has (a retry was waiting for a newer value): nothing to send.
      if (state.failures) {
        state.failures = 0;
        setStatus(fieldset, "saved", config.saved);
      }
      return;
    }
    state.inFlight = true;
    setStatus(fieldset, "saving", config.saving);
    const controller = typeof AbortController === "function" ? new AbortController() : null;
    const timeout = controller
      ? window.setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS)
      : null;
    try {
      const response = await fetch(answerUrl(fieldset), {
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
        body,
      });
      const data = await readJson(response);
      if (response.ok) {
        state.lastSaved = body;
        state.failures = 0;
        setStatus(fieldset, "saved", config.saved);
        showFeedback(fieldset, data);
      } else if (transient(response.status)) {
        retryLater(fieldset, state, response);
      } else {
        // The API explains refusals in the page's language; otherwise the generic message.
        state.failures = 0;
        const message = data && typeof data.message === "string" ? data.message : "";
        setStatus(fieldset, "failed", message || config.failed);
      }
    } catch (error) {
      // No answer at all: offline, or the server is restarting.
      retryLater(fieldset, state, null);
    } finally {
      if (timeout !== null) {
        window.clearTimeout(timeout);
      }
      state.inFlight = false;
      if (state.again && !submitting) {
        state.again = false;
        save(fieldset);
      }
    }
  }

  function cancelTimer(fieldset) {
    const state = stateOf(fieldset);
    if (state.timer !== null) {
      window.clearTimeout(state.timer);
      state.timer = null;
    }
  }

  function allQuestions() {
    return Array.from(form.querySelectorAll("fieldset[data-question-id]"));
  }

  allQuestions().forEach((fieldset) => {
    // What the page shows is what is saved, unless the page comes back with errors.
    if (!pageHadErrors) {
      stateOf(fieldset).lastSaved = bodyFor(fieldset);
    }
    const container = fieldset.querySelector("[data-feedback]");
    if (container && !container.hasAttribute("aria-live")) {
      container.setAttribute("aria-live", "polite");
    }
  });

  form.addEventListener("change", (event) => {
    const fieldset = questionOf(event.target);
    if (!fieldset || submitting) {
      return;
    }
    cancelTimer(fieldset);
    save(fieldset);
  });

  form.addEventListener("input", (event) => {
    const fieldset = questionOf(event.target);
    if (!fieldset || submitting || event.target.tagName !== "TEXTAREA") {
      return;
    }
    const state = stateOf(fieldset);
    cancelTimer(fieldset);
    state.timer = window.setTimeout(() => {
      state.timer = null;
      save(fieldset);
    }, DEBOUNCE_MS);
  });

  // The plain post carries every answer: no background save should race it.
  form.addEventListener("submit", () => {
    submitting = true;
    allQuestions().forEach((fieldset) => {
      cancelTimer(fieldset);
      cancelRetry(stateOf(fieldset));
    });
  });

  // Back online: retry what is waiting now rather than at the end of its back-off.
  window.addEventListener("online", () => {
    allQuestions().forEach((fieldset) => {
      if (stateOf(fieldset).retryTimer !== null && !submitting) {
        save(fieldset);
      }
    });
  });

  // Leaving or hiding the page while typing: send what is waiting, even as the page unloads.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "hidden" || submitting) {
      return;
    }
    allQuestions().forEach((fieldset) => {
      if (stateOf(fieldset).timer !== null) {
        cancelTimer(fieldset);
        save(fieldset, { keepalive: true });
      }
    });
  });

  // Listening from here on: an answer changed before this point is sent with the form.
  form.setAttribute("data-autosave-ready", "");
})();
