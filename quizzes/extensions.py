"""What the quiz engine lets the layers above it know (README, Architecture).

Registered in `AppConfig.ready()` by the layer that listens (learning/apps.py).
"""

from learning.extensions import Hook, Provider

# A learner's attempt was submitted, on the site or reported from elsewhere (H5P): the progress
# layer completes the lessons and courses it satisfies. Called inside the submitting
# transaction, so what follows is saved with the attempt or not at all.
attempt_submitted = Hook("attempt_submitted", arguments=("attempt", "user"))


def _no_next_step(*, user, course):
    return None


# (user, course) -> the learner's next step in the course, a (url, words) pair, or None: the
# result page leads on along the course's path (learning/progress/path.py, issue 14).
next_step = Provider("next_step", arguments=("user", "course"), default=_no_next_step)


def _no_outputs(*, filters):
    return []


# (filters) -> the program's outputs for a report's filters: a list of
# quizzes.reports.outputs.OutputMeasure (learners trained, completions, certificates, sessions
# held, knowledge-exchange events…), counted by the layers that know learners' progress
# (learning/progress/outputs.py, issue 17). Without them a report has outcomes only.
program_outputs = Provider("program_outputs", arguments=("filters",), default=_no_outputs)
