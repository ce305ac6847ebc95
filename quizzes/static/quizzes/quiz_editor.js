/*
 * The quiz editor (quizzes/admin_panels.py): each question shows only its type's fields, new
 * questions start with empty choice rows (a true-or-false one with True and False), codes
 * left blank show the code the server will make, and a question can be duplicated.
 *
 * A file of this site's own, as the admin's Content-Security-Policy allows
 * (learning/security_headers.py). Everything it does, the server also checks or does: fields
 * of other types are dropped, blank codes made up, empty rows left out (quizzes/forms_admin.py).
 */
(function () {
  "use strict";

  // As many empty rows as most choice questions need: three choices cost no click.
  var BLANK_CHOICES = 3;
  var CHOICE_KINDS = ["single", "multiple", "true_false", "role_assignment", "likert"];
  // The server's lengths (quizzes/authoring.py), so the hint is the code it will make.
  var QUESTION_CODE_LENGTH = 40;
  var CHOICE_CODE_LENGTH = 30;

  function slugFromText(text, maxLength) {
    var slug = (text || "")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9\s-]/g, "")
      .trim()
      .replace(/[\s-]+/g, "-")
      .replace(/^-+|-+$/g, "");
    if (slug.length > maxLength) {
      var cut = slug.slice(0, maxLength + 1);
      var hyphen = cut.lastIndexOf("-");
      slug = (hyphen > 0 ? cut.slice(0, hyphen) : slug.slice(0, maxLength)).replace(/-+$/, "");
    }
    return slug;
  }

  function init() {
    var config = document.querySelector("[data-quiz-editor]");
    if (!config) {
      return;
    }
    var prefix = config.dataset.formsetPrefix;
    var form = config.closest("form");
    var questionsList = document.getElementById("id_" + prefix + "-FORMS");
    var addQuestion = document.getElementById("id_" + prefix + "-ADD");
    var questionId = new RegExp("^inline_child_(" + prefix + "-\\d+)$");
    var status = document.querySelector("[data-quiz-editor-status]");

    function field(name) {
      return form.elements.namedItem(name);
    }

    function questionPrefix(question) {
      var match = questionId.exec(question.id);
      return match ? match[1] : null;
    }

    function questionOf(element) {
      var node = element.closest("[data-inline-panel-child]");
      while (node && !questionId.test(node.id)) {
        node = node.parentElement && node.parentElement.closest("[data-inline-panel-child]");
      }
      return node;
    }

    function kindOf(question) {
      var select = field(questionPrefix(question) + "-kind");
      return select ? select.value : "";
    }

    function applyKind(question) {
      var kind = kindOf(question);
      question.querySelectorAll("[data-quiz-kinds]").forEach(function (element) {
        element.hidden = element.dataset.quizKinds.split(" ").indexOf(kind) === -1;
      });
    }

    function choiceRows(question) {
      var list = document.getElementById("id_" + questionPrefix(question) + "-choices-FORMS");
      return list
        ? Array.prototype.filter.call(list.children, function (row) {
            return row.matches("[data-inline-panel-child]:not(.deleted)");
          })
        : [];
    }

    function rowPrefix(row) {
      return row.id.replace(/^inline_child_/, "");
    }

    function addChoiceRow(question) {
      var button = document.getElementById("id_" + questionPrefix(question) + "-choices-ADD");
      if (button) {
        button.click();
      }
    }

    function ensureChoiceRows(question, count) {
      var guard = 0;
      while (choiceRows(question).length < count && guard < count) {
        addChoiceRow(question);
        guard += 1;
      }
    }

    function rowIsEmpty(row) {
      var base = rowPrefix(row);
      return ["label_en", "label_fr", "code"].every(function (name) {
        var input = field(base + "-" + name);
        return !input || !input.value.trim();
      });
    }

    function fillTrueFalse(question) {
      var rows = choiceRows(question);
      if (!rows.every(rowIsEmpty)) {
        return;
      }
      ensureChoiceRows(question, 2);
      rows = choiceRows(question);
      config.dataset.trueFalse.split(";").forEach(function (pair, index) {
        var labels = pair.split("|");
        var base = rowPrefix(rows[index]);
        field(base + "-label_en").value = labels[0];
        field(base + "-label_fr").value = labels[1];
        hintCode(base + "-code", labels[0], CHOICE_CODE_LENGTH);
      });
    }

    // The code the server will make from the English text, as a hint in the empty code field.
    function hintCode(codeName, text, maxLength) {
      var code = field(codeName);
      if (code && !code.value) {
        code.placeholder = slugFromText(text, maxLength) || config.dataset.codeHint;
      }
    }

    function addDuplicateButton(question) {
      var base = questionPrefix(question);
      var remove = document.getElementById("id_" + base + "-DELETE-button");
      if (!remove || question.querySelector("[data-quiz-duplicate]")) {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button--icon text-replace white";
      button.title = config.dataset.duplicateLabel;
      button.setAttribute("aria-label", config.dataset.duplicateLabel);
      button.dataset.quizDuplicate = "";
      var svgNS = "http://www.w3.org/2000/svg";
      var icon = document.createElementNS(svgNS, "svg");
      icon.setAttribute("class", "icon icon-copy");
      icon.setAttribute("aria-hidden", "true");
      var use = document.createElementNS(svgNS, "use");
      use.setAttribute("href", "#icon-copy");
      icon.appendChild(use);
      button.appendChild(icon);
      button.addEventListener("click", function () {
        duplicate(question);
      });
      remove.parentNode.insertBefore(button, remove);
    }

    function copyValue(from, to) {
      if (!from || !to) {
        return;
      }
      if (from.type === "checkbox") {
        to.checked = from.checked;
      } else {
        to.value = from.value;
      }
    }

    var NOT_COPIED = ["id", "DELETE", "ORDER"];

    function duplicate(source) {
      var sourceBase = questionPrefix(source);
      addQuestion.click();
      var copy = questionsList.lastElementChild;
      var copyBase = questionPrefix(copy);
      Array.prototype.forEach.call(form.elements, function (element) {
        var name = element.name || "";
        if (name.indexOf(sourceBase + "-") !== 0 || name.indexOf("-choices-") !== -1) {
          return;
        }
        var suffix = name.slice(sourceBase.length + 1);
        // The copy's code is made from its text, unique in the quiz, when it is saved.
        if (NOT_COPIED.indexOf(suffix) === -1 && suffix !== "code") {
          copyValue(element, field(copyBase + "-" + suffix));
        }
      });
      var sourceRows = choiceRows(source);
      ensureChoiceRows(copy, sourceRows.length);
      var copyRows = choiceRows(copy);
      sourceRows.forEach(function (row, index) {
        var from = rowPrefix(row);
        var to = rowPrefix(copyRows[index]);
        Array.prototype.forEach.call(row.querySelectorAll("[name]"), function (element) {
          var suffix = element.name.slice(from.length + 1);
          if (NOT_COPIED.indexOf(suffix) === -1) {
            copyValue(element, field(to + "-" + suffix));
          }
        });
      });
      copyRows.slice(sourceRows.length).forEach(function (row) {
        var base = rowPrefix(row);
        ["label_en", "label_fr", "code"].forEach(function (name) {
          field(base + "-" + name).value = "";
        });
      });
      applyKind(copy);
      hintCode(copyBase + "-code", field(copyBase + "-text_en").value, QUESTION_CODE_LENGTH);
      if (status) {
        status.textContent = config.dataset.duplicatedMessage;
      }
      field(copyBase + "-text_en").focus();
    }

    function setUpQuestion(question, isNew) {
      addDuplicateButton(question);
      applyKind(question);
      var base = questionPrefix(question);
      if (field(base + "-code")) {
        field(base + "-code").placeholder = config.dataset.codeHint;
      }
      if (isNew && CHOICE_KINDS.indexOf(kindOf(question)) !== -1) {
        ensureChoiceRows(question, BLANK_CHOICES);
      }
      if (isNew && field(base + "-text_en")) {
        // Adding the rows moved the focus to the last one; the question's text comes first.
        field(base + "-text_en").focus();
      }
    }

    form.addEventListener("change", function (event) {
      var target = event.target;
      if (!target.name || !/-kind$/.test(target.name)) {
        return;
      }
      var question = questionOf(target);
      if (!question) {
        return;
      }
      applyKind(question);
      if (target.value === "true_false") {
        fillTrueFalse(question);
      } else if (CHOICE_KINDS.indexOf(target.value) !== -1) {
        ensureChoiceRows(question, 2);
      }
    });

    form.addEventListener("input", function (event) {
      var name = event.target.name || "";
      var match = /^(.*)-(text_en|label_en)$/.exec(name);
      if (match) {
        var isChoice = match[2] === "label_en";
        hintCode(
          match[1] + "-code",
          event.target.value,
          isChoice ? CHOICE_CODE_LENGTH : QUESTION_CODE_LENGTH,
        );
      }
    });

    document.addEventListener("w-formset:added", function (event) {
      var added = event.target;
      if (questionId.test(added.id)) {
        setUpQuestion(added, true);
        return;
      }
      var question = questionOf(added);
      if (question) {
        applyKind(question);
        var code = field(rowPrefix(added) + "-code");
        if (code) {
          code.placeholder = config.dataset.codeHint;
        }
      }
    });

    Array.prototype.forEach.call(questionsList.children, function (question) {
      if (questionId.test(question.id)) {
        setUpQuestion(question, false);
      }
    });

    // A new quiz starts with its first question open: one click fewer for every quiz.
    if (!questionsList.querySelector("[data-inline-panel-child]")) {
      var scrollX = window.scrollX;
      var scrollY = window.scrollY;
      addQuestion.click();
      window.scrollTo(scrollX, scrollY);
      var title = field("title_en");
      if (title) {
        title.focus({ preventScroll: true });
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
