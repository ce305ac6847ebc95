from .answers import CleanAnswer, assignment_role_codes, clean_answer
from .attempts import (
    SaveResult,
    SubmitResult,
    answers_save,
    attempt_for_user,
    attempt_start,
    attempt_submit,
    attempts_anonymise,
    owns_attempt,
    quiz_is_answerable,
)
from .autosave import SavedAnswer, answer_save
from .consent import anonymous_condition, attempts_consent_set
from .errors import QuizError
from .external import attempt_record_external, external_quiz_for_package
from .indicators import indicator_definition, indicator_record_version
from .snapshot import respondent_key_for, respondent_keys_for

__all__ = [
    "CleanAnswer",
    "QuizError",
    "SaveResult",
    "SavedAnswer",
    "SubmitResult",
    "anonymous_condition",
    "answer_save",
    "answers_save",
    "assignment_role_codes",
    "attempt_for_user",
    "attempt_record_external",
    "attempt_start",
    "attempt_submit",
    "attempts_consent_set",
    "attempts_anonymise",
    "clean_answer",
    "external_quiz_for_package",
    "indicator_definition",
    "indicator_record_version",
    "owns_attempt",
    "quiz_is_answerable",
    "respondent_key_for",
    "respondent_keys_for",
]
