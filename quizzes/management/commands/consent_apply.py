"""Apply every learner's current consent to all their earlier attempts, once.

    python manage.py consent_apply

Since consent is honoured backwards (quizzes.services.attempts_consent_set, called whenever a
learner changes it), this is needed only once after upgrading: attempts made before a learner
withdrew, under the old rule, still count until then. Safe to run again: it changes nothing
that already agrees. Prints how many learners' attempts changed, never who.
"""

from django.core.management.base import BaseCommand

from learning.people.models import Profile
from quizzes.services import attempts_consent_set


class Command(BaseCommand):
    help = "Make every learner's earlier attempts follow their current evaluation consent."

    def handle(self, *args, **options):
        changed_learners = 0
        profiles = Profile.objects.select_related("user").order_by("pk")
        for profile in profiles.iterator(chunk_size=500):
            counts = profile.evaluation_consent is True
            if attempts_consent_set(user=profile.user, counts=counts):
                changed_learners += 1
        self.stdout.write(f"Attempts changed for {changed_learners} learner(s).")
