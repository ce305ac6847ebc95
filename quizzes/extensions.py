"""What the quiz engine lets the layers above it know (README, Architecture).

Registered in `AppConfig.ready()` by the layer that listens (learning/apps.py).
"""

from learning.extensions import Hook

# A learner's attempt was submitted, on the site or reported from elsewhere (H5P): the progress
# layer completes the lessons and courses it satisfies. Called inside the submitting
# transaction, so what follows is saved with the attempt or not at all.
attempt_submitted = Hook("attempt_submitted", arguments=("attempt", "user"))
