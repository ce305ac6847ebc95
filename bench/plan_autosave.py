#!/usr/bin/env python
"""Benchmark: a sponsor group and its settlement worker autosaving one action plan at once, and
many groups doing so on the same server (issue 18).

    python bench/plan_autosave.py                       # on SQLite
    DATABASE_URL=postgres://… python bench/plan_autosave.py --plans 20 --writers 4

Seeds `--plans` plans of 22 tasks with `--writers` members each. Each member is a thread with
its own database connection that saves `--changes` changes through `plan_item_update`, as the
worksheet's autosave sends them: mostly to "their" tasks, one in five to a task everyone edits
(so versions collide). A writer told of a conflict re-reads the task and sends again, as
"Keep mine" does. Printed: saves per second, the median and 95th-percentile time of a save,
conflicts, and a check that nothing was lost: every task's saved note is the last one a writer
was told was saved, and the history has one row per saved change. The database is a
throw-away test database (SQLite file, or test_<name> on PostgreSQL), never the named one.
"""

import argparse
import contextlib
import io
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TASKS = 22


def seed(plans, writers):
    from django.contrib.auth import get_user_model

    from learning.people.models import Profile, Role
    from learning.plans.models import MemberRole, PlanMember, PlanTask
    from learning.plans.services import plan_create

    PlanTask.objects.bulk_create(
        PlanTask(title_en=f"Task {n}", title_fr=f"Tâche {n}", sort_order=n) for n in range(TASKS)
    )
    User = get_user_model()
    created = []
    for p in range(plans):
        users = User.objects.bulk_create(
            User(username=f"p{p}w{w}", email=f"p{p}w{w}@example.org", first_name=f"W{w}")
            for w in range(writers)
        )
        Profile.objects.bulk_create(
            Profile(user=user, role=Role.SPONSOR if w else Role.SETTLEMENT_WORKER)
            for w, user in enumerate(users)
        )
        plan = plan_create(user=users[0], title=f"Bench plan {p}")
        PlanMember.objects.bulk_create(
            PlanMember(plan=plan, user=user, role=MemberRole.SPONSOR_GROUP) for user in users[1:]
        )
        created.append((plan, users))
    return created


def writer(plan, user, index, changes, results):
    from django.db import close_old_connections, connection

    from learning.plans.models import PlanItem
    from learning.plans.services import PlanConflict, plan_item_update

    items = list(PlanItem.objects.filter(plan=plan).order_by("task__sort_order"))
    shared = items[0]
    own = [item for n, item in enumerate(items[1:]) if n % 8 == index % 8] or items[1:2]
    timings, conflicts, saved = [], 0, []
    try:
        for n in range(changes):
            target = shared if n % 5 == 0 else own[n % len(own)]
            note = f"writer {index} change {n}"
            version = PlanItem.objects.filter(pk=target.pk).values_list("version", flat=True)[0]
            while True:
                started = time.perf_counter()
                try:
                    result = plan_item_update(
                        item=target,
                        user=user,
                        changes={"note": note, "owner": "shared"},
                        expected_version=version,
                    )
                except PlanConflict as conflict:
                    timings.append(time.perf_counter() - started)
                    conflicts += 1
                    version = conflict.item.version  # "Keep mine": again, over theirs
                    continue
                timings.append(time.perf_counter() - started)
                saved.append((target.pk, result.version, note))
                break
    finally:
        connection.close()
        close_old_connections()
    results.append((timings, conflicts, saved))


def run(args):
    os.environ["DJANGO_SETTINGS_MODULE"] = "learning.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

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
        plans = seed(args.plans, args.writers)
        connection.close()
        results = []
        threads = [
            threading.Thread(
                target=writer, args=(plan, user, index, args.changes, results), daemon=True
            )
            for plan, users in plans
            for index, user in enumerate(users)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        check(results, plans, elapsed, connection.vendor, args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def check(results, plans, elapsed, vendor, args):
    from learning.plans.models import PlanChange, PlanItem

    timings = sorted(t for result in results for t in result[0])
    conflicts = sum(result[1] for result in results)
    saved = [entry for result in results for entry in result[2]]
    expected = args.plans * args.writers * args.changes
    last = {}
    for pk, version, note in saved:
        if version > last.get(pk, (0, ""))[0]:
            last[pk] = (version, note)
    lost = [
        pk
        for pk, (version, note) in last.items()
        if PlanItem.objects.filter(pk=pk, version=version, note=note).count() != 1
    ]
    changes = PlanChange.objects.filter(field="note").count()
    p95 = timings[int(len(timings) * 0.95) - 1] if timings else 0
    print(
        f"{vendor}: {args.plans} plans × {args.writers} writers × {args.changes} changes: "
        f"{len(saved):,} saves in {elapsed:.2f} s ({len(saved) / elapsed:,.0f}/s); "
        f"a save: median {statistics.median(timings) * 1000:.1f} ms, "
        f"95th percentile {p95 * 1000:.1f} ms; {conflicts} conflicts told and re-sent"
    )
    print(
        f"nothing lost: {len(saved)} of {expected} changes saved, {len(lost)} tasks whose last "
        f"saved note differs, {changes} history rows for notes"
    )
    if len(saved) != expected or lost or changes != expected:
        sys.exit("a change was lost")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=10)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--changes", type=int, default=25)
    run(parser.parse_args(argv))


if __name__ == "__main__":
    main()
