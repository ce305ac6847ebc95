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


def _no_cells(*, indicator):
    return []


# (indicator) -> the cells (quizzes.reports.cells.Cell) of an indicator the quiz engine does not
# compute from answers (models.COMPUTED_KINDS: the Collaborative Action Plan's indicators,
# learning/plans/indicators.py, issue 18). Their sums are (n, k) as a share favourable's, and
# `people` counts what the privacy rule protects (plans). Without it such an indicator has none.
indicator_cells = Provider("indicator_cells", arguments=("indicator",), default=_no_cells)
