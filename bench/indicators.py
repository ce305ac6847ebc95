#!/usr/bin/env python
"""Benchmark: the indicator dashboard's queries against the bare SQL aggregate, on PostgreSQL.

    python bench/indicators.py                  # 1,000,000 answers
    python bench/indicators.py --answers 2000   # a quick run

Needs DATABASE_URL pointing at a PostgreSQL server (the script creates and drops its own
database there, never touching the named one). Without it, and run as root, it starts a
throw-away cluster from /usr/lib/postgresql/15/bin on 127.0.0.1 (as .ci/run does) and removes
it at the end.

What is measured, median of 5 runs after 1 warm-up (time.perf_counter), the contenders taking
turns so background load falls on all of them alike:
  (a) indicator_report(indicator=…), the total;
  (b) indicator_report(…, group_by="role") and group_by="period" (total + breakdown);
  (c) the same aggregate written by hand: COUNT(*) and COUNT(*) FILTER (WHERE favourable)
      over the same joins and WHERE clause, per cell (course, session, role, language, region,
      browser, month): since issue 12 every report reads the indicator's cells, which the
      privacy rule needs, and sums them;
  (d) for reference, the plain aggregates without cells (a COUNT, grouped as the report is):
      the difference from (c) is what the cells cost.
The goal is a dashboard within 1.5× of the bare SQL. A last column runs the SQL the dashboard
sent, captured, as plain text: dashboard vs that is the ORM's and Python's share of any gap,
that vs the bare SQL is the query plan's.
"""

import argparse
import contextlib
import io
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_BIN = Path("/usr/lib/postgresql/15/bin")
GOAL = 1.5
SURVEY_SLUG = "bench-evaluation-survey"
QUESTION_CODE = "helpful-refugee-needs"
LIKERT = (
    # code, English, French, favourable, not applicable
    ("very-helpful", "Very helpful", "Très utile", True, False),
    ("helpful", "Helpful", "Utile", True, False),
    ("somewhat-helpful", "Somewhat helpful", "Moyennement utile", False, False),
    ("not-helpful", "Not helpful", "Pas utile", False, False),
    ("not-applicable", "Not applicable", "Sans objet", False, True),
)


# --- A throw-away PostgreSQL cluster, when no DATABASE_URL is given --------------------------


class ThrowAwayCluster:
    """initdb + pg_ctl as the postgres user, on loopback and a free port; removed on stop()."""

    def __init__(self, bin_dir=PG_BIN, *, fsync=False):
        self.bin_dir = Path(bin_dir)
        # Off for the indicator benchmark (reads); on where writes are what is measured.
        self.fsync = fsync
        self.runuser = shutil.which("runuser") or "/usr/sbin/runuser"
        self.directory = None

    def _as_postgres(self, *command):
        subprocess.run(  # noqa: S603 - fixed programs, arguments built here
            [self.runuser, "-u", "postgres", "--", *command],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    @staticmethod
    def _free_port():
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]

    def start(self):
        if os.geteuid() != 0:
            sys.exit("Set DATABASE_URL to a PostgreSQL server, or run as root to start one.")
        if not (self.bin_dir / "initdb").exists():
            sys.exit(f"No PostgreSQL in {self.bin_dir}: apt-get install postgresql-15.")
        self.directory = Path(tempfile.mkdtemp(prefix="psr-learn-bench-pg."))
        shutil.chown(self.directory, "postgres", "postgres")
        port = self._free_port()
        data = self.directory / "data"
        self._as_postgres(
            str(self.bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"
        )
        self._as_postgres(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(self.directory / "log"),
            "-w",
            "start",
            "-o",
            f"-h 127.0.0.1 -p {port} -k {self.directory}" + ("" if self.fsync else " -F"),
        )
        return f"postgres://postgres@127.0.0.1:{port}/postgres"

    def stop(self):
        if self.directory is None:
            return
        # Already stopped, or never started: removing the directory is what matters.
        with contextlib.suppress(subprocess.CalledProcessError):
            self._as_postgres(
                str(self.bin_dir / "pg_ctl"),
                "-D",
                str(self.directory / "data"),
                "-m",
                "fast",
                "stop",
            )
        shutil.rmtree(self.directory, ignore_errors=True)
        self.directory = None


# --- Data ------------------------------------------------------------------------------------


def create_survey_and_indicator():
    """Through the ORM, as a trainer would in the admin."""
    from quizzes.models import (
        Choice,
        Indicator,
        IndicatorKind,
        Question,
        QuestionKind,
        Quiz,
        QuizKind,
    )
    from quizzes.services import indicator_record_version

    quiz = Quiz.objects.create(
        slug=SURVEY_SLUG,
        kind=QuizKind.EVALUATION_SURVEY,
        title_en="Evaluation survey (benchmark)",
        title_fr="Sondage d'évaluation (banc d'essai)",
        pass_mark=0,
        attempts_allowed=1,
        anonymous=True,
    )
    question = Question.objects.create(
        quiz=quiz,
        code=QUESTION_CODE,
        kind=QuestionKind.LIKERT,
        text_en="How helpful was this training in understanding the needs of refugees?",
        text_fr="À quel point cette formation a-t-elle été utile pour comprendre les besoins "
        "des réfugiés?",
        points=0,
        sort_order=0,
    )
    for order, (code, label_en, label_fr, favourable, not_applicable) in enumerate(LIKERT):
        Choice.objects.create(
            question=question,
            code=code,
            label_en=label_en,
            label_fr=label_fr,
            is_favourable=favourable,
            is_not_applicable=not_applicable,
            sort_order=order,
        )
    indicator = Indicator(
        code="bench-helpful-refugee-needs",
        name_en="Training helpful for understanding refugees' needs",
        name_fr="Formation utile pour comprendre les besoins des réfugiés",
        definition_en="Share who answered very helpful or helpful; not applicable excluded.",
        definition_fr="Part des réponses « Très utile » ou « Utile »; « Sans objet » exclu.",
        kind=IndicatorKind.SHARE_FAVOURABLE,
        target=Decimal("0.85"),
    )
    indicator.save()
    indicator.questions.set([question])
    indicator.save()
    indicator_record_version(indicator=indicator)
    return quiz, question, indicator


# Bulk SQL, not the services: seed_demo simulates learners through the real services because
# the demo must show what the site itself produces (scores, respondent keys, consent snapshots,
# completion), and a few hundred learners take a minute. A million answers that way would take
# hours and measure the write path, not the report. Here only the shape of the rows matters to
# the aggregate being timed, so generate_series writes them in seconds. The values mimic what
# attempt_start/attempt_submit store for an anonymous survey: a 64-hex respondent key, no user,
# the first moment of the month in local time, the role/region/language snapshot, the Likert
# flags on the answer.
ATTEMPTS_SQL = """
WITH s AS MATERIALIZED (
    SELECT g, random() AS r_role, random() AS r_region, random() AS r_language,
           random() AS r_consent,
           -- More responses in recent months, as a program that grows would get.
           (now() AT TIME ZONE 'America/Toronto')
               - (1 - sqrt(random())) * interval '365 days' AS local_moment
    FROM generate_series(1, %(count)s) AS g
)
INSERT INTO quizzes_attempt (
    quiz_id, user_id, respondent_key, course_id, cohort_id, role, region, language, number,
    quiz_revision, started_at, submitted_at, score, max_score, percent, passed, source,
    browser_reported, counts_for_evaluation
)
SELECT
    %(quiz)s, NULL, encode(sha256(convert_to('bench-' || g, 'UTF8')), 'hex'), NULL, NULL,
    CASE WHEN r_role < 0.55 THEN 'settlement_worker' WHEN r_role < 0.90 THEN 'sponsor'
         WHEN r_role < 0.96 THEN 'sah_staff' ELSE 'other' END,
    CASE WHEN r_region < 0.28 THEN 'gta' WHEN r_region < 0.46 THEN 'ottawa'
         WHEN r_region < 0.60 THEN 'kitchener_waterloo' WHEN r_region < 0.71 THEN 'windsor'
         WHEN r_region < 0.82 THEN 'kingston' WHEN r_region < 0.87 THEN 'london'
         WHEN r_region < 0.92 THEN 'hamilton' WHEN r_region < 0.95 THEN 'northern_ontario'
         ELSE 'elsewhere' END,
    CASE WHEN r_language < 0.6 THEN 'en' ELSE 'fr' END,
    1, 1,
    date_trunc('month', local_moment) AT TIME ZONE 'America/Toronto',
    date_trunc('month', local_moment) AT TIME ZONE 'America/Toronto',
    NULL, NULL, NULL, NULL, 'web', false, r_consent < 0.95
FROM s
"""
# About 3% not applicable and 87% favourable among the rest, a little lower for sponsors and
# "other" (the shift moves answers toward the unfavourable end).
ANSWERS_SQL = """
WITH a AS MATERIALIZED (
    SELECT id, submitted_at,
           random() + CASE role WHEN 'sponsor' THEN 0.03 WHEN 'other' THEN 0.06 ELSE 0 END AS r
    FROM quizzes_attempt WHERE quiz_id = %(quiz)s
), c AS (
    SELECT id, submitted_at,
           CASE WHEN r < 0.03 THEN 'not-applicable' WHEN r < 0.53 THEN 'very-helpful'
                WHEN r < 0.874 THEN 'helpful' WHEN r < 0.97 THEN 'somewhat-helpful'
                ELSE 'not-helpful' END AS code
    FROM a
)
INSERT INTO quizzes_answer (
    attempt_id, question_id, question_code, choice_code, choice_codes, assignments, rating,
    text, is_favourable, is_not_applicable, score, max_score, answered_at
)
SELECT id, %(question)s, %(code)s, code, '[]'::jsonb, '{}'::jsonb, NULL, '',
       code IN ('very-helpful', 'helpful'), code = 'not-applicable', NULL, NULL, submitted_at
FROM c
"""


def seed_answers(*, connection, quiz, question, count):
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.2026)")
        cursor.execute(ATTEMPTS_SQL, {"quiz": quiz.pk, "count": count})
        cursor.execute(
            ANSWERS_SQL, {"quiz": quiz.pk, "question": question.pk, "code": question.code}
        )
        # Autocommit: VACUUM cannot run in a transaction. It also sets the visibility map, as
        # autovacuum would on a table that has been there a while.
        for table in ("quizzes_attempt", "quizzes_answer", "quizzes_question"):
            cursor.execute(f"VACUUM ANALYZE {table}")


# --- The bare SQL, written by hand -----------------------------------------------------------

# The same rows as quizzes.reports.indicators._share_rows: answers to the indicator's questions,
# Likert only, submitted, consenting, not "not applicable".
FROM_WHERE = """
FROM quizzes_answer AS an
JOIN quizzes_attempt AS at ON at.id = an.attempt_id
JOIN quizzes_question AS q ON q.id = an.question_id
WHERE an.question_id = ANY(%(questions)s)
  AND at.submitted_at IS NOT NULL
  AND at.counts_for_evaluation
  AND q.kind = 'likert'
  AND an.is_not_applicable IS NOT TRUE
"""
BARE_TOTAL = "SELECT COUNT(*) AS n, COUNT(*) FILTER (WHERE an.is_favourable) AS k" + FROM_WHERE
BARE_BY_ROLE = (
    "SELECT at.role, COUNT(*), COUNT(*) FILTER (WHERE an.is_favourable)"
    + FROM_WHERE
    + "GROUP BY at.role ORDER BY at.role"
)
BARE_BY_MONTH = (
    "SELECT date_trunc('month', at.submitted_at AT TIME ZONE 'America/Toronto') AS month, "
    "COUNT(*), COUNT(*) FILTER (WHERE an.is_favourable)" + FROM_WHERE + "GROUP BY 1 ORDER BY 1"
)


# What the privacy rule needs (quizzes/reports/cells.py, issue 12): the same rows summed per
# cell (course, session, role, language, region, browser, month), whatever the report shows.
BARE_CELLS = (
    "SELECT at.course_id, at.cohort_id, at.role, at.language, at.region, at.browser_reported, "
    "date_trunc('month', at.submitted_at AT TIME ZONE 'America/Toronto') AS month, "
    "COUNT(*), COUNT(*) FILTER (WHERE an.is_favourable)"
    + FROM_WHERE
    + "GROUP BY 1, 2, 3, 4, 5, 6, 7"
)


def bare(connection, *statements, questions):
    results = []
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, {"questions": questions})
            results.append(cursor.fetchall())
    return results


# --- Timing ----------------------------------------------------------------------------------


def interleaved_medians(functions, *, runs):
    """Median ms of each function: 1 warm-up each, then `runs` rounds taking turns.

    Taking turns (and reversing the order every other round) spreads whatever else the machine
    is doing evenly over the contenders, rather than over whichever ran during a busy spell.
    """
    for function in functions.values():
        function()  # warm-up: plans, caches, the connection
    times = {name: [] for name in functions}
    names = list(functions)
    for round_number in range(runs):
        for name in names if round_number % 2 == 0 else reversed(names):
            start = time.perf_counter()
            functions[name]()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def raw(connection, statements):
    """Run SQL text as captured from Django (parameters already bound client-side)."""
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
            cursor.fetchall()


def explain(connection, sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return "\n".join(line for (line,) in cursor.fetchall())


def check_figures(connection, indicator_report, indicator, questions):
    """The dashboard and the hand-written SQL must agree before their times mean anything."""
    report = indicator_report(indicator=indicator)
    ((n, k),) = bare(connection, BARE_TOTAL, questions=questions)[0]
    if report.total.n != n or abs((report.total.value or 0) - (k / n if n else 0)) > 1e-12:
        sys.exit(f"Figures differ: dashboard n={report.total.n}, bare SQL n={n}.")
    for group_by, statement in (("role", BARE_BY_ROLE), ("period", BARE_BY_MONTH)):
        grouped = indicator_report(indicator=indicator, group_by=group_by)
        dashboard = sorted(row.n for row in grouped.rows)
        by_hand = sorted(
            count for _group, count, _k in bare(connection, statement, questions=questions)[0]
        )
        if dashboard != by_hand:
            sys.exit(f"Figures differ between the dashboard and the bare SQL, by {group_by}.")
    return n, k


def run(args):
    os.environ["DJANGO_SETTINGS_MODULE"] = "learning.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from quizzes.models import Answer, Indicator
    from quizzes.reports import indicator_report

    if connection.vendor != "postgresql":
        sys.exit("DATABASE_URL must point at PostgreSQL.")
    # Our own database, whatever else runs on the server (a test suite uses test_<name>).
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"psr_learn_bench_{os.getpid()}"
    old_name = connection.settings_dict["NAME"]
    started = time.perf_counter()
    try:
        # Migrating prints wagtail-modeltranslation's column sync: not part of the benchmark.
        with contextlib.redirect_stdout(io.StringIO()):
            connection.creation.create_test_db(
                verbosity=0, autoclobber=True, serialize=False, keepdb=False
            )
        print(
            f"Test database {connection.settings_dict['NAME']} migrated in "
            f"{time.perf_counter() - started:.1f} s"
        )
        quiz, question, indicator = create_survey_and_indicator()
        started = time.perf_counter()
        seed_answers(connection=connection, quiz=quiz, question=question, count=args.answers)
        rows = Answer.objects.filter(question=question).count()
        print(
            f"Seeded {rows:,} answers ({rows:,} attempts) with SQL in "
            f"{time.perf_counter() - started:.1f} s"
        )

        indicator = Indicator.objects.get(pk=indicator.pk)
        questions = [question.pk]
        n, k = check_figures(connection, indicator_report, indicator, questions)
        print(f"Figures agree: n = {n:,}, share favourable = {k / n:.4f}" if n else "No rows.")

        # Each report reads the indicator's cells (one query) and sums them: its bare SQL is the
        # cells aggregate. The plain aggregates (a COUNT, grouped or not) are timed too: the
        # difference is what the privacy rule's cells cost.
        cases = [
            ("total", None, (BARE_TOTAL,)),
            ("by role", "role", (BARE_TOTAL, BARE_BY_ROLE)),
            ("by period (month)", "period", (BARE_TOTAL, BARE_BY_MONTH)),
        ]
        results, generated = [], {}
        for label, group_by, statements in cases:
            with CaptureQueriesContext(connection) as captured:
                indicator_report(indicator=indicator, group_by=group_by)
            generated[label] = [query["sql"] for query in captured.captured_queries]
            medians = interleaved_medians(
                {
                    "dashboard": lambda group_by=group_by: indicator_report(
                        indicator=indicator, group_by=group_by
                    ),
                    "django_sql": lambda label=label: raw(connection, generated[label]),
                    "bare": lambda: bare(connection, BARE_CELLS, questions=questions),
                    "plain": lambda statements=statements: bare(
                        connection, *statements, questions=questions
                    ),
                },
                runs=args.runs,
            )
            results.append((label, medians))

        server = connection.cursor().connection.info.server_version
        print()
        print(
            f"PostgreSQL {server // 10000}.{server % 10000}, {rows:,} answers, "
            f"median of {args.runs} interleaved runs after 1 warm-up"
        )
        print(
            f"{'report':<19}{'rows':>11}{'dashboard ms':>14}{'bare SQL ms':>13}{'ratio':>7}"
            f"  {f'within {GOAL}×':<13}{'own SQL ms*':>12}{'plain SQL ms**':>16}"
        )
        worst = overhead = 0
        for label, medians in results:
            ratio = medians["dashboard"] / medians["bare"]
            worst = max(worst, ratio)
            overhead = max(overhead, medians["dashboard"] / medians["django_sql"])
            print(
                f"{label:<19}{rows:>11,}{medians['dashboard']:>14.1f}{medians['bare']:>13.1f}"
                f"{ratio:>7.2f}  {'yes' if ratio <= GOAL else 'NO':<13}"
                f"{medians['django_sql']:>12.1f}{medians['plain']:>16.1f}"
            )
        print("Bare SQL: the cells aggregate, written by hand (what the privacy rule reads).")
        print("* own SQL: the SQL the dashboard sent, captured and run again as text.")
        print("** plain SQL: a COUNT over the same rows, grouped as shown, without cells.")
        print(f"Goal {'met' if worst <= GOAL else 'NOT met'}: worst ratio {worst:.2f}.")
        # Separates the ORM and Python (report vs its own SQL) from the SQL's plan (its own SQL
        # vs the hand-written one): they call for different fixes.
        print(
            f"ORM and Python overhead (dashboard / its own SQL run raw): at most {overhead:.2f}×."
        )

        print("\nSQL Django generated for indicator_report(group_by='role'):")
        for number, sql in enumerate(generated["by role"], start=1):
            print(f"-- {number}\n{sql}")
        if args.explain:
            aggregate = next(sql for sql in generated["total"] if "COUNT" in sql)
            print("\nEXPLAIN (ANALYZE, BUFFERS), the dashboard's total:")
            print(explain(connection, aggregate))
            print("\nEXPLAIN (ANALYZE, BUFFERS), the bare SQL total:")
            print(explain(connection, BARE_TOTAL, {"questions": questions}))
    finally:
        # create_test_db switches NAME once the database exists, even if migrating then fails.
        if connection.settings_dict["NAME"] != old_name:
            connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)
            print(f"\nDropped the benchmark database; {old_name!r} was not touched.")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1_000_000, help="answers to seed")
    parser.add_argument("--runs", type=int, default=5, help="timed runs after the warm-up")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the total")
    args = parser.parse_args(argv)
    if args.answers < 1 or args.runs < 1:
        parser.error("--answers and --runs must be at least 1")
    cluster = None if os.environ.get("DATABASE_URL") else ThrowAwayCluster()
    try:
        if cluster is not None:
            os.environ["DATABASE_URL"] = cluster.start()
            print(f"Started a throw-away PostgreSQL cluster in {cluster.directory}")
        run(args)
    finally:
        if cluster is not None:
            cluster.stop()
            print("Stopped and removed the throw-away cluster.")


if __name__ == "__main__":
    main()
