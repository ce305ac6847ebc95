"""What the quiz editor shows and keeps for each type of question, and the codes it makes up.

One table says which fields each question type uses (QUESTION_FIELDS, CHOICE_FIELDS): the
editor's panels show only those (quizzes/admin_panels.py and quizzes/static/quizzes/
quiz_editor.js read the same table), and the form keeps nothing else a post carries
(quizzes/forms_admin.py), so a question switched from single choice to free text does not keep
a "correct" tick it no longer shows.

Codes and slugs are made from the English text when the trainer leaves them blank: slugified,
cut at a word under the field's length, and made unique with "-2", "-3"… They are made once,
for new rows only: answers, exports and indicators refer to existing codes, so those are never
changed behind the trainer's back.
"""

from django.utils.text import slugify

from .models.quizzes import CHOICE_KINDS, SCORED_KINDS, QuestionKind

ALL_KINDS = frozenset(QuestionKind.values)
ANSWER_KEY_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE})

# Each optional field of a question, with the question types that use it. Fields not named here
# (code, type, text, "answer required") belong to every type.
QUESTION_FIELDS = {
    "points": frozenset(SCORED_KINDS),
    "partial_credit": frozenset({QuestionKind.MULTIPLE}),
    "explanation_en": frozenset(SCORED_KINDS),
    "explanation_fr": frozenset(SCORED_KINDS),
    "max_length": frozenset({QuestionKind.FREE_TEXT}),
}
# The question types answered from choices; the others keep none.
CHOICES_KINDS = frozenset(CHOICE_KINDS)
# Each optional field of a choice, with the question types that use it (code and labels belong
# to every type with choices).
CHOICE_FIELDS = {
    "is_correct": ANSWER_KEY_KINDS,
    "correct_role": frozenset({QuestionKind.ROLE_ASSIGNMENT}),
    "is_favourable": frozenset({QuestionKind.LIKERT}),
    "is_not_applicable": frozenset({QuestionKind.LIKERT}),
    "feedback_en": frozenset(SCORED_KINDS),
    "feedback_fr": frozenset(SCORED_KINDS),
}

# Long enough to tell questions apart in an export, short enough to read in a column heading.
QUESTION_CODE_LENGTH = 40
CHOICE_CODE_LENGTH = 30


def kinds_attribute(kinds):
    """The question types as the editor's script reads them from `data-quiz-kinds`."""
    return " ".join(sorted(str(kind) for kind in kinds))


def slug_from_text(text, max_length, fallback):
    """A slug of `text` cut at a whole word within max_length; `fallback` if nothing is left.

    "Who signs the sponsorship undertaking?" → "who-signs-the-sponsorship-undertaking".
    """
    slug = slugify(text or "")
    if len(slug) > max_length:
        # One character more: when it is a hyphen, the cut falls between two words.
        head, hyphen, _rest = slug[: max_length + 1].rpartition("-")
        slug = (head if hyphen and head else slug[:max_length]).strip("-")
    return slug or fallback


def unique_code(base, taken, max_length):
    """`base`, or `base-2`, `base-3`… : the first not in `taken` (compared in lower case),
    within max_length. Adds the result to `taken`."""
    candidate = base[:max_length]
    number = 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
    taken.add(candidate)
    return candidate


def true_false_labels():
    """The choices a new true-or-false question starts with, in English and French: the
    question's text is content, so these are the same whatever the admin's language."""
    return [("True", "Vrai"), ("False", "Faux")]
