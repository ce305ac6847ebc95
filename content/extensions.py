"""What content's pages show of the learner, supplied by the layers above (README, Architecture).

Content knows nothing of learners: the catalogue and course pages ask these providers, which the
learner layers register in `AppConfig.ready()` (learning/apps.py). Unregistered, the pages show
what a visitor who is not signed in sees. Nor of quizzes: the quiz engine makes the quiz an H5P
activity is scored in (quizzes/apps.py).
"""

from learning.extensions import Provider


def _visitor_catalogue(*, user, courses):
    return {"courses": courses, "learner_audience": None, "enrolled_ids": set()}


def _no_progress(*, user, course, lessons):
    return None


# (user, courses) -> the catalogue's context: "courses" in the order the learner should see
# them, "learner_audience", and "enrolled_ids".
catalogue_context = Provider(
    "catalogue_context", arguments=("user", "courses"), default=_visitor_catalogue
)

# (user, course, lessons) -> the learner's progress in the course (lessons in order, done, next
# lesson; learning.progress.selectors.CourseProgress), or None when not enrolled. `lessons`: the
# course's live lessons when the page already has them (its outline), else None.
course_progress = Provider(
    "course_progress", arguments=("user", "course", "lessons"), default=_no_progress
)


def _no_scoring_quiz(*, package):
    return None


# (package) -> the quiz that records an H5P package's results, made when first asked for
# (quizzes.services.external_quiz_for_package), or None without a quiz engine: a lesson's H5P
# block with "score this activity" ticked links it when the lesson is saved (content/blocks.py).
h5p_scoring_quiz = Provider("h5p_scoring_quiz", arguments=("package",), default=_no_scoring_quiz)
