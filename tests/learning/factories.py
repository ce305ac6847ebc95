import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from learning.people.models import Cohort, Enrolment, Profile, Role


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"learner{n}")
    email = factory.LazyAttribute(lambda obj: f"{obj.username}@example.org")
    first_name = "Amina"
    last_name = factory.Sequence(lambda n: f"Learner{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery-staple")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ProfileFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    role = Role.SETTLEMENT_WORKER
    organisation = "Welcome Centre"
    region = "ottawa"
    preferred_language = "en"
    evaluation_consent = True

    class Meta:
        model = Profile


class CohortFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Ottawa session {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    organisation = "Refugee 613"
    region = "ottawa"

    class Meta:
        model = Cohort


class EnrolmentFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    language = "en"

    class Meta:
        model = Enrolment
