"""Add to the action plan's task list the tasks of the courses' role-division tables that it
lacks (issue 18; learning/plans/tasks.py). Tasks already in the list stay as trainers edited
them, so it is safe to run again."""

from django.core.management.base import BaseCommand, CommandError

from content.models import CoursePage
from learning.plans.tasks import plan_tasks_from_courses


class Command(BaseCommand):
    help = (
        "Add the tasks of the live lessons' role-division tables missing from the action plan's "
        "task list."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--course",
            metavar="SLUG",
            help="Only this course's lessons (its English or French slug).",
        )

    def handle(self, *args, **options):
        course = None
        if options["course"]:
            slug = options["course"]
            course = CoursePage.objects.filter(slug_en=slug).first()
            course = course or CoursePage.objects.filter(slug_fr=slug).first()
            if course is None:
                raise CommandError(f"No course has the slug {slug!r}.")
        added = plan_tasks_from_courses(course=course)
        for task in added:
            owner = task.get_expected_owner_display() if task.expected_owner else "no owner"
            french = task.title_fr or "(no French)"
            self.stdout.write(f"Added: {task.title_en} / {french} ({owner})")
        self.stdout.write(f"Tasks added: {len(added)}")
