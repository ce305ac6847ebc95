import datetime

import pytest
from django.utils import timezone

from learning.people.models import CohortMeeting
from tests.learning.factories import CohortFactory, ProfileFactory


@pytest.fixture
def french_learner(db):
    profile = ProfileFactory(
        preferred_language="fr", region="qc", user__first_name="Élodie", user__username="elodie"
    )
    return profile.user


@pytest.fixture
def english_learner(db):
    profile = ProfileFactory(preferred_language="en", region="bc", user__first_name="Sam")
    return profile.user


@pytest.fixture
def session(course_with_tests, trainer):
    course = course_with_tests[0]
    cohort = CohortFactory(course=course, trainer=trainer, name="Ottawa December")
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=5)
    CohortMeeting.objects.create(
        cohort=cohort,
        title_en="Pre-arrival Intentional Connection meeting",
        title_fr="Rencontre de connexion intentionnelle avant l'arrivée",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="Welcome Centre, 123 Bank St, Ottawa",
        online_url="https://meet.example.org/psr",
    )
    return cohort
