#!/usr/bin/env python
"""Benchmark: `manage.py send_reminders` over a cohort-sized and a program-sized population.

    python bench/reminders.py                    # 2,000 learners, on SQLite
    DATABASE_URL=postgres://… python bench/reminders.py --learners 10000

Seeds learners in one course (three lessons, a pre-test, a post-test and a survey): a quarter
enrolled 10 days ago and never started (owed the pre-test reminder), half who finished the
lessons 5 days ago (owed the post-test and survey reminders), a quarter who completed the course
(owed nothing). Then, as the hourly timer would:
  (1) the first run: queue every reminder owed, then send them (locmem mail backend: what is
      timed is ours, not a mail server's);
  (2) the next run, with nothing new owed: what every later hour costs.
Printed: seconds, queries, and queries per learner examined. The database is a throw-away test
database (SQLite file, or test_<name> on PostgreSQL), never the named one.
"""

import argparse
import contextlib
import datetime
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def seed(count):
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from wagtail.models import Page, Site

    from content.models import CompletionRule
    from content.services import move_site_root
    from learning.people.models import Enrolment, Profile
    from learning.progress.models import LessonProgress
    from tests.content.factories import (
        CourseIndexPageFactory,
        CoursePageFactory,
        HomePageFactory,
        LessonPageFactory,
    )
    from tests.quizzes.factories import likert, make_quiz, single

    home = HomePageFactory(parent=Page.get_first_root_node())
    move_site_root(site=Site.objects.get(is_default_site=True), page=home)
    catalogue = CourseIndexPageFactory(parent=home, slug_en="courses", slug_fr="cours")
    course = CoursePageFactory(
        parent=catalogue,
        title_en="Bench course",
        completion_rule=CompletionRule.POST_TEST_AND_SURVEY,
    )
    lessons = [LessonPageFactory(parent=course, title_en=f"Lesson {n}") for n in range(3)]
    make_quiz([single(code="p1")], kind="pre_test", course=course, title_en="Pre", pass_mark=0)
    make_quiz([single()], kind="post_test", course=course, title_en="Post")
    make_quiz([likert()], kind="evaluation_survey", course=course, title_en="Survey", pass_mark=0)

    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"bench{n}", email=f"bench{n}@example.org", first_name="Bench")
        for n in range(count)
    )
    Profile.objects.bulk_create(
        Profile(user=user, region="ottawa", preferred_language="en" if n % 2 else "fr")
        for n, user in enumerate(users)
    )
    now = timezone.now()
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(
            user=user,
            course=course,
            completed_at=now - datetime.timedelta(days=1) if n % 4 == 3 else None,
        )
        for n, user in enumerate(users)
    )
    Enrolment.objects.update(enrolled_at=now - datetime.timedelta(days=10))
    LessonProgress.objects.bulk_create(
        LessonProgress(enrolment=enrolment, lesson=lesson)
        for n, enrolment in enumerate(enrolments)
        if n % 4 in (1, 2, 3)
        for lesson in lessons
    )
    LessonProgress.objects.update(completed_at=now - datetime.timedelta(days=5))


def timed_run(label, learners):
    from django.core import mail
    from django.db import connection

    from learning.notifications.services import (
        digests_queue,
        emails_send_queued,
        reminders_queue,
    )

    mail.outbox = []
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(1)  # counted, not kept: CaptureQueriesContext keeps at most 9,000
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        queued = reminders_queue()
        queued_at = time.perf_counter()
        digests_queue()
        sent, failed, skipped = emails_send_queued(limit=learners * 3)
        finished = time.perf_counter()
    print(
        f"{label:<24} queued {queued:>6,} in {queued_at - started:6.2f} s, "
        f"sent {sent:>6,} ({failed} failed, {skipped} skipped) in {finished - queued_at:6.2f} s; "
        f"{len(queries):>7,} queries ({len(queries) / learners:5.1f} per learner)"
    )
    return queued, sent


def run(args):
    os.environ["DJANGO_SETTINGS_MODULE"] = "learning.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the locmem mail backend's outbox
    connection.settings_dict.setdefault("TEST", {})["NAME"] = (
        f"psr_learn_bench_{os.getpid()}"
        if connection.vendor == "postgresql"
        else str(ROOT / f".test-db-bench-{os.getpid()}.sqlite3")
    )
    old_name = connection.settings_dict["NAME"]
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            connection.creation.create_test_db(
                verbosity=0, autoclobber=True, serialize=False, keepdb=False
            )
            from django.core.management import call_command

            call_command("update_translation_fields", verbosity=0)
        started = time.perf_counter()
        seed(args.learners)
        print(
            f"{connection.vendor}: seeded {args.learners:,} learners in "
            f"{time.perf_counter() - started:.1f} s"
        )
        owed = args.learners // 4 + 2 * (args.learners // 2)
        queued, sent = timed_run("first run", args.learners)
        if queued != owed or sent != queued:
            sys.exit(f"expected {owed} reminders queued and sent, got {queued} and {sent}")
        queued, sent = timed_run("next run (nothing new)", args.learners)
        if queued or sent:
            sys.exit("a second run queued or sent again")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=2000)
    args = parser.parse_args(argv)
    if args.learners < 4:
        parser.error("--learners must be at least 4")
    run(args)


if __name__ == "__main__":
    main()
