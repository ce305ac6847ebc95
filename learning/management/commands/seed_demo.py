import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from learning.demo.courses import seed_demo_cohort, seed_demo_content
from learning.demo.events import seed_demo_events, simulate_event_responses
from learning.demo.indicators import seed_demo_indicators
from learning.demo.mail import withhold_simulated_emails
from learning.demo.plans import seed_demo_plan
from learning.demo.plans_simulated import simulate_plans
from learning.demo.quizzes import seed_demo_quizzes
from learning.demo.responses import simulate_responses
from learning.roles import PROGRAM_LEADS, TRAINERS

DEMO_ACCOUNTS = (
    # (username, email, group, password used in development, what the account is shown as)
    ("trainer", "trainer@example.org", TRAINERS, "trainer-demo-2026", "trainer (admin: /admin/)"),
    (
        "lead",
        "lead@example.org",
        PROGRAM_LEADS,
        "lead-demo-2026",
        "program lead (dashboard: /admin/indicators/dashboard/)",
    ),
    ("learner", "learner@example.org", None, "learner-demo-2026", "learner"),
)


class Command(BaseCommand):
    help = (
        "Create or update the demo site: home, catalogue, bilingual courses, knowledge-exchange "
        "events, accounts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--accounts",
            action="store_true",
            help="Also create the demo accounts outside development (random passwords).",
        )
        parser.add_argument(
            "--responses",
            type=int,
            default=0,
            metavar="N",
            help=(
                "Also simulate N learners taking the demo courses, and the demo events' "
                "attendees answering their survey, through the real services."
            ),
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=2026,
            help="Seed of the simulated learners: the same seed adds nobody twice.",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        if options["responses"] < 0:
            raise CommandError("--responses must be 0 or more.")
        courses = seed_demo_content()
        for course in courses:
            self.stdout.write(f"Course: {course.title_en} / {course.title_fr}")
        quizzes = seed_demo_quizzes(
            courses_by_audience={course.audience: course for course in courses}
        )
        self.stdout.write(f"Quizzes and surveys: {len(quizzes)}")
        if settings.DEBUG or options["accounts"]:
            self._accounts(development=settings.DEBUG)
        by_audience = {course.audience: course for course in courses}
        cohort = seed_demo_cohort(
            course=by_audience["sponsors"],
            trainer=get_user_model()
            .objects.filter(username="trainer", groups__name=TRAINERS, is_active=True)
            .first(),
        )
        self.stdout.write(
            f"Demo training session: {cohort.name} — join code {cohort.code} "
            f"(/en/learning/join/{cohort.code}/)"
        )
        tasks, plan = seed_demo_plan(course=by_audience["sponsors"], cohort=cohort)
        self.stdout.write(
            f"Action plan tasks added: {len(tasks)}"
            + (f"; demo plan: {plan.title}" if plan else "")
        )
        events = seed_demo_events(course=by_audience["everyone"])
        self.stdout.write(
            f"Knowledge-exchange events: {len(events)}, "
            f"{sum(event.attendance or 0 for event in events)} people attended"
        )
        indicators = seed_demo_indicators()
        self.stdout.write(f"Indicators: {len(indicators)}")
        if options["responses"]:
            simulate_responses(count=options["responses"], seed=options["seed"], stdout=self.stdout)
            # The events' attendees answer their survey too (a fixed number, from the report).
            simulate_event_responses(seed=options["seed"], stdout=self.stdout)
            # Sponsor groups' action plans, for the two plan indicators (issue 18).
            simulate_plans(
                course=by_audience["sponsors"],
                cohort=cohort,
                seed=options["seed"],
                stdout=self.stdout,
            )
            # Before the commit that would send them (learning.notifications).
            withhold_simulated_emails()

    def _accounts(self, *, development):
        User = get_user_model()
        for username, email, group_name, dev_password, shown_as in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(username=username, defaults={"email": email})
            # Development passwords are fixed so the run command can print them every time;
            # anywhere else a new random password is printed once, when the account is made.
            if development:
                password = dev_password
            elif created:
                password = secrets.token_urlsafe(12)
            else:
                password = None
            if password:
                user.set_password(password)
                user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            # The demo's addresses are confirmed: its people sign in at once, with no
            # confirmation email to open first (sign-up asks for one).
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            shown = password or "(unchanged)"
            self.stdout.write(f"Demo {shown_as}: {email} or {username} / {shown}")
