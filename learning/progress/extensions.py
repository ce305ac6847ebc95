"""What progress lets the layers above it add (README, Architecture); registered in
`learning/apps.py`."""

from learning.extensions import Hook

# A learner completed a course and their certificate was issued, inside that transaction
# (issue 15: the completion email with the certificate link).
course_completed = Hook("course_completed", arguments=("enrolment", "certificate"))
