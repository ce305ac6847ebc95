/*
 * Quiz attempt page: save each answer in the background as the learner goes.
 *
 * Progressive enhancement only: the form posts and saves without this script. Each question
 * is a <fieldset data-question-id data-question-kind> whose inputs are named q<id> (and
 * q<id>-<task code> for role assignment selects). On change (and 800 ms after typing stops in
 * a text answer) the question's value is sent with PUT to the JSON API; [data-feedback] shows
 * the feedback when the quiz gives it immediately. When and how it is sent, retried and told
 * is quizzes/background_save.js's (loaded first); a refusal is shown as the API words it.
 *
 * Configuration: <script type="application/json" id="quiz-autosave-config"> with answerUrl,
 * saving, saved, retrying and failed. Plain ES2017, no dependencies, no requests elsewhere.
 */
(() => {
  "use strict";

  const background = window.PSRBackgroundSave;
  const form = document.querySelector("form[data-autosave]");
  if (!background || !form || typeof window.fetch !== "function") {
    return;
  }
  const config = background.readConfig(document.getElementById("quiz-autosave-config"));
  if (!config || typeof config.answerUrl !== "string" || !config.answerUrl) {
    return;
  }
  const element = background.element;
  const baseUrl = config.answerUrl.endsWith("/") ? config.answerUrl : `${config.answerUrl}/`;
  // Messages and feedback in the page's language, whatever the browser prefers.
  const language = document.documentElement.getAttribute("lang") || "";

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

  form.querySelectorAll("fieldset[data-question-id] [data-feedback]").forEach((container) => {
    if (!container.hasAttribute("aria-live")) {
      container.setAttribute("aria-live", "polite");
    }
  });

  background.attach({
    form,
    partSelector: "fieldset[data-question-id]",
    messages: config,
    snapshot: bodyFor,
    request: (fieldset) => ({ url: answerUrl(fieldset), body: bodyFor(fieldset) }),
    saved(fieldset, data) {
      showFeedback(fieldset, data);
      return true;
    },
    // The API explains refusals in the page's language; otherwise the generic message.
    refused: (fieldset, data) => (data && typeof data.message === "string" ? data.message : ""),
    debounced: (target) => target.tagName === "TEXTAREA",
  });
})();
