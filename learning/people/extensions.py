"""What learner records let the layers above them add (README, Architecture).

Registered in `AppConfig.ready()` by the layers that answer (learning/apps.py, quizzes/apps.py).
"""

from learning.extensions import Hook

# Sections of the privacy export ("Privacy and my data"): each receiver takes the person and
# returns `(key, data)`, data JSON-serialisable under an English key, in a constant number of
# queries whatever the person's history. Built-in sections register in learning.people.privacy.
privacy_export_sections = Hook("privacy_export_sections", arguments=("user",))

# An account is about to be deleted, inside the deleting transaction: each receiver keeps what
# indicators need without the link to the person (or lets it go with the account) and returns
# counts for the anonymous AccountDeletion log, e.g. {"attempts_anonymised": 3}.
account_deleting = Hook("account_deleting", arguments=("user",))

# A learner gave or withdrew evaluation consent, inside the changing transaction: each receiver
# makes every earlier answer of theirs count, or stop counting, in reports from now on (README,
# Privacy). `counts` is True when consent is now given.
consent_changed = Hook("consent_changed", arguments=("user", "counts"))

# A learner was enrolled in a course, or joined a training session of a course they were
# already enrolled in, inside the enrolling transaction (issue 15: the emails that follow).
# `created` is True for a new enrolment; `cohort` is the session just joined, or None.
enrolled = Hook("enrolled", arguments=("enrolment", "created", "cohort"))
