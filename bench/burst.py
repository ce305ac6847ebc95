#!/usr/bin/env python
"""Benchmark: a burst of learners answering a survey at once, then a check that nothing was lost.

    python bench/burst.py --url http://127.0.0.1:8000 --learners 50   # against `make run`
    python bench/burst.py --serve sqlite --learners 50                 # make run's server, own DB
    python bench/burst.py --serve postgres --learners 500              # gunicorn on PostgreSQL
    python bench/burst.py --serve postgres --learners 500 --think 3    # at a person's pace

Each learner has its own signed-in session (made in the database before the burst). All start
together: fetch the 20-question anonymous survey, start an attempt, save each answer on its own
as the browser's autosave does, and submit. A request that fails for a reason that passes (no
connection, 408, 429, 5xx) is retried with back-off like the browser does; each failure is
counted by status. Then the database is checked: every answer a learner was told was saved is
stored with that value, every submit that got a 200 is stored with all its answers, nothing is
half-written, nobody has two attempts. Last, the same server's requests/s on a trivial JSON view
(/healthz) at the same concurrency: the ceiling.

Loopback only (127.0.0.0/8, localhost, ::1); bounded in time (--max-seconds). With --url, this
process must use the server's database and secrets (the same DATABASE_URL and settings; the
default is make run's: learning.settings.dev and db.sqlite3). With --serve it starts the server
itself (gunicorn, deploy/gunicorn.conf.py), on a free port and a throw-away database, and stops
it after. Exit status 1 when anything was lost or any learner could not finish.
"""

import argparse
import http.client
import ipaddress
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
SURVEY_SLUG = "bench-burst-survey"
USER_PREFIX = "bench-burst-"
QUESTIONS = 20
LIKERT = ("very-helpful", "helpful", "somewhat-helpful", "not-helpful", "not-applicable")
TRANSIENT = {408, 429, 500, 502, 503, 504}
REQUEST_TIMEOUT = 30


# --- The server, when --serve starts it ---------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url, seconds=60):
    deadline = time.monotonic() + seconds
    parts = urlsplit(url)
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit(f"The server at {url} did not come up within {seconds} s.")


def manage(*arguments, env):
    subprocess.run(  # noqa: S603 - our own manage.py, arguments fixed here
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


class Served:
    """gunicorn on a throw-away database: SQLite as `make run` serves it, or PostgreSQL as
    production does (2 x cores + 1 workers, production settings, DEBUG off)."""

    def __init__(self, kind):
        self.kind = kind
        self.cluster = None
        self.directory = Path(tempfile.mkdtemp(prefix="psr-burst-"))
        self.process = None
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers = self.threads = None

    def environment(self):
        env = dict(os.environ)
        secret = secrets.token_urlsafe(40)
        env.update(
            {
                "SECRET_KEY": secret,
                "PSR_RESPONDENT_SECRET": secret,
                "MEDIA_ROOT": str(self.directory / "media"),
                "GUNICORN_BIND": f"127.0.0.1:{self.port}",
                "GUNICORN_LOG_LEVEL": "warning",
                "GUNICORN_ACCESS_LOG": str(self.directory / "access.log"),
            }
        )
        if self.kind == "sqlite":
            # Exactly make run's server (Makefile): dev settings, 2 processes x 8 threads.
            self.workers, self.threads = 2, 8
            env.update(
                {
                    "DJANGO_SETTINGS_MODULE": "learning.settings.dev",
                    "DATABASE_URL": f"sqlite:///{self.directory / 'db.sqlite3'}",
                }
            )
        else:
            sys.path.insert(0, str(ROOT / "bench"))
            from indicators import ThrowAwayCluster  # the same throw-away cluster

            self.cluster = ThrowAwayCluster(fsync=os.environ.get("BENCH_FSYNC", "on") == "on")
            database_url = self.cluster.start()
            self.workers = (os.cpu_count() or 1) * 2 + 1
            self.threads = int(os.environ.get("GUNICORN_THREADS", "1"))
            env.update(
                {
                    "DJANGO_SETTINGS_MODULE": "learning.settings.production",
                    "DATABASE_URL": database_url,
                    "ALLOWED_HOSTS": "127.0.0.1,localhost",
                    "SECURE_SSL_REDIRECT": "false",
                    "DB_CONN_MAX_AGE": "60",
                }
            )
        env["GUNICORN_WORKERS"], env["GUNICORN_THREADS"] = str(self.workers), str(self.threads)
        return env

    def start(self):
        env = self.environment()
        manage("migrate", "--noinput", env=env)
        manage("createcachetable", env=env)
        # This process checks the same database with the same secrets as the server.
        shared = ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SECRET_KEY", "PSR_RESPONDENT_SECRET")
        os.environ.update({name: env[name] for name in shared})
        os.environ.setdefault("ALLOWED_HOSTS", env.get("ALLOWED_HOSTS", "127.0.0.1"))
        os.environ["SECURE_SSL_REDIRECT"] = "false"
        self.process = subprocess.Popen(  # noqa: S603 - gunicorn from this venv
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "-c",
                "deploy/gunicorn.conf.py",
                "learning.wsgi",
            ],
            cwd=ROOT,
            env=env,
        )
        wait_until_up(self.url)
        return self

    def describe(self):
        database = "SQLite (WAL, IMMEDIATE)" if self.kind == "sqlite" else "PostgreSQL"
        return (
            f"gunicorn {self.workers} workers x {self.threads} threads (gthread) on {database}, "
            f"{os.environ['DJANGO_SETTINGS_MODULE']}"
        )

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if self.cluster is not None:
            self.cluster.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


# --- Set-up: learners with sessions, and the survey ---------------------------------------------


def django_setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings.dev")
    import django

    django.setup()


def close_connections():
    from django.db import connections

    connections.close_all()


def create_survey():
    from quizzes.models import Choice, Question, QuestionKind, Quiz, QuizKind

    quiz, _created = Quiz.objects.get_or_create(
        slug=SURVEY_SLUG,
        defaults={
            "kind": QuizKind.EVALUATION_SURVEY,
            "title": "Burst survey (benchmark)",
            "title_en": "Burst survey (benchmark)",
            "title_fr": "Sondage en rafale (banc d'essai)",
            "pass_mark": 0,
            "attempts_allowed": 1,
            "anonymous": True,
        },
    )
    if quiz.questions.exists():
        return quiz
    for number in range(QUESTIONS):
        likert = number % 4 != 3
        question = Question.objects.create(
            quiz=quiz,
            code=f"q{number + 1:02d}",
            kind=QuestionKind.LIKERT if likert else QuestionKind.RATING,
            text=f"Question {number + 1}",
            text_en=f"Question {number + 1}",
            text_fr=f"Question {number + 1} (fr)",
            points=0,
            sort_order=number,
        )
        if likert:
            Choice.objects.bulk_create(
                Choice(
                    question=question,
                    code=code,
                    label=code,
                    label_en=code,
                    label_fr=f"{code} (fr)",
                    is_favourable=order < 2,
                    is_not_applicable=code == "not-applicable",
                    sort_order=order,
                )
                for order, code in enumerate(LIKERT)
            )
    return quiz


def remove_earlier_runs():
    from django.contrib.auth import get_user_model

    from quizzes.models import Attempt, Quiz

    Attempt.objects.filter(quiz__slug=SURVEY_SLUG).delete()
    Quiz.objects.filter(slug=SURVEY_SLUG).delete()
    get_user_model().objects.filter(username__startswith=USER_PREFIX).delete()


def create_learners(count):
    """Learners with a profile (consenting) and a signed-in session each: {user: session key}."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )

    from learning.people.models import Profile

    # The site's session engine (learning/people/sessions.py), as a signed-in browser has.
    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore

    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"{USER_PREFIX}{n}", email=f"{USER_PREFIX}{n}@example.org")
        for n in range(count)
    )
    users = list(User.objects.filter(username__startswith=USER_PREFIX).order_by("pk"))
    for user in users:
        user.set_unusable_password()
    User.objects.bulk_update(users, ["password"])
    Profile.objects.bulk_create(
        Profile(user=user, role="sponsor", region="ottawa", evaluation_consent=True)
        for user in users
    )
    backend = "django.contrib.auth.backends.ModelBackend"
    assert backend in settings.AUTHENTICATION_BACKENDS
    sessions = {}
    for user in users:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = backend
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions[user] = store.session_key
    return sessions


# --- The burst ------------------------------------------------------------------------------------


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: list = field(default_factory=list)
    by_step: dict = field(default_factory=dict)  # step -> latencies, to see where a tail is
    statuses: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)
    retries: int = 0
    reconnects: int = 0  # kept-alive connections found closed, the request sent again

    def record(self, seconds, status, step="other"):
        with self.lock:
            self.latencies.append(seconds)
            self.by_step.setdefault(step, []).append(seconds)
            self.statuses[status] += 1
            if status not in (200, 201, 204):
                self.failures[status] += 1


@dataclass
class Outcome:
    user: object
    saved: dict = field(default_factory=dict)  # question id -> value the server confirmed
    attempt_id: int | None = None
    submitted: bool = False
    error: str = ""


class LearnerClient:
    """One learner's browser: a keep-alive connection, its cookies, retries with back-off."""

    def __init__(self, url, session_key, stats, deadline):
        parts = urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies = {"sessionid": session_key}
        self.stats = stats
        self.deadline = deadline
        self.connection = None

    def _connect(self):
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)

    def _send(self, method, path, body):
        reused = self.connection is not None
        try:
            return self._send_once(method, path, body)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            if not reused:
                raise
            # As browsers do: a kept-alive connection the server closed meanwhile (its worker
            # recycled, its keep-alive timeout passed) got no answer, so the request is sent
            # again at once on a new one. Not an error; counted apart.
            self.connection.close()
            self.connection = None
            with self.stats.lock:
                self.stats.reconnects += 1
            return self._send_once(method, path, body)

    def _send_once(self, method, path, body):
        if self.connection is None:
            self._connect()
        headers = {
            "Accept": "application/json",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if body is not None:
            headers["Content-Type"] = "application/json"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        return response.status, data, response.getheader("Retry-After")

    def request(self, method, path, payload=None, step="other"):
        """(status, parsed JSON) once the server gives a final answer, or (None, None)."""
        body = json.dumps(payload) if payload is not None else None
        delay = 0.5
        while time.monotonic() < self.deadline:
            started = time.perf_counter()
            try:
                status, data, retry_after = self._send(method, path, body)
            except (OSError, http.client.HTTPException):
                self.stats.record(time.perf_counter() - started, "network error", step)
                if self.connection is not None:
                    self.connection.close()
                self.connection = None
                status, data, retry_after = None, b"", None
            else:
                self.stats.record(time.perf_counter() - started, status, step)
            if status is not None and status not in TRANSIENT:
                try:
                    return status, json.loads(data) if data else None
                except ValueError:
                    return status, None
            with self.stats.lock:
                self.stats.retries += 1
            wait = float(retry_after) if retry_after and retry_after.isdigit() else delay
            time.sleep(min(wait, 10) * (0.5 + random.random() / 2))  # noqa: S311 - jitter
            delay = min(delay * 2, 10)
        return None, None


def answer_value(question, number):
    if question["kind"] == "likert":
        return LIKERT[number % len(LIKERT)]
    return 1 + number % 5


def learner_run(url, session_key, user, stats, barrier, deadline, think=0.0):
    outcome = Outcome(user=user)
    client = LearnerClient(url, session_key, stats, deadline)
    barrier.wait()
    status, quiz = client.request("GET", f"/api/v1/quizzes/{SURVEY_SLUG}", step="quiz")
    if status != 200:
        outcome.error = f"quiz: {status}"
        return outcome
    status, attempt = client.request(
        "POST", f"/api/v1/quizzes/{SURVEY_SLUG}/attempts", {}, step="start"
    )
    if status not in (200, 201):
        outcome.error = f"start: {status} {attempt}"
        return outcome
    outcome.attempt_id = attempt["id"]
    for number, question in enumerate(quiz["questions"]):
        if think:
            # A person reads the question and picks an answer: 0.5 to 1.5 times the mean.
            time.sleep(think * (0.5 + random.random()))  # noqa: S311 - pacing, not security
        value = answer_value(question, number + user.pk)
        path = f"/api/v1/attempts/{attempt['id']}/answers/{question['id']}"
        status, body = client.request("PUT", path, {"value": value}, step="answer")
        if status == 200:
            outcome.saved[question["id"]] = value
        else:
            outcome.error = f"answer: {status} {body}"
    status, body = client.request(
        "POST", f"/api/v1/attempts/{attempt['id']}/submit", {}, step="submit"
    )
    if status == 200:
        outcome.submitted = True
    else:
        outcome.error = f"submit: {status} {body}"
    return outcome


def burst(url, sessions, max_seconds, started_file=None, think=0.0):
    stats = Stats()
    barrier = threading.Barrier(len(sessions) + 1)
    deadline = time.monotonic() + max_seconds
    outcomes, threads = [], []

    def run(user, key):
        outcomes.append(learner_run(url, key, user, stats, barrier, deadline, think))

    for user, key in sessions.items():
        thread = threading.Thread(target=run, args=(user, key), daemon=True)
        thread.start()
        threads.append(thread)
    barrier.wait()
    started = time.perf_counter()
    if started_file:
        # For bench/faults.sh: the burst is under way, faults may begin.
        Path(started_file).write_text(str(os.getpid()))
    for thread in threads:
        thread.join(max(0, deadline - time.monotonic()) + 5)
    return stats, outcomes, time.perf_counter() - started


def ceiling(url, concurrency, seconds=5.0):
    """Requests/s of /healthz (no database, no session) at the same concurrency."""
    stats = Stats()
    stop = time.monotonic() + seconds
    barrier = threading.Barrier(concurrency + 1)

    def run():
        client = LearnerClient(url, "", stats, stop + 10)
        client.cookies = {}
        barrier.wait()
        while time.monotonic() < stop:
            client.request("GET", "/healthz")

    threads = [threading.Thread(target=run, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join(seconds + 15)
    return len(stats.latencies) / (time.perf_counter() - started)


# --- The check ---------------------------------------------------------------------------------


def check(outcomes):
    """What the database holds against what each learner was told. Returns the problems."""
    from quizzes.models import Answer, Attempt, Quiz
    from quizzes.services import respondent_key_for

    survey = Quiz.objects.get(slug=SURVEY_SLUG)
    problems = []
    attempts = {
        attempt.respondent_key: attempt
        for attempt in Attempt.objects.filter(quiz__slug=SURVEY_SLUG).prefetch_related("answers")
    }
    counts = Counter(
        Attempt.objects.filter(quiz__slug=SURVEY_SLUG).values_list("respondent_key", flat=True)
    )
    for outcome in outcomes:
        key = respondent_key_for(user=outcome.user, quiz=survey)
        if counts.get(key, 0) > 1:
            problems.append(f"{outcome.user}: {counts[key]} attempts")
        attempt = attempts.get(key)
        if attempt is None:
            if outcome.saved or outcome.submitted:
                problems.append(f"{outcome.user}: told saved, but no attempt stored")
            continue
        stored = {
            answer.question_id: answer.choice_code or answer.rating
            for answer in attempt.answers.all()
        }
        for question_id, value in outcome.saved.items():
            if stored.get(question_id) != value:
                problems.append(
                    f"{outcome.user}: answer {question_id} told saved as {value!r}, "
                    f"stored {stored.get(question_id)!r}"
                )
        if outcome.submitted and (attempt.submitted_at is None or len(stored) != QUESTIONS):
            problems.append(f"{outcome.user}: submit got 200, stored {len(stored)} answers")
        if attempt.submitted_at is not None and len(stored) != QUESTIONS:
            problems.append(f"{outcome.user}: half-written, submitted with {len(stored)} answers")
    orphans = Answer.objects.filter(attempt__quiz__slug=SURVEY_SLUG, question__isnull=True)
    if orphans.exists():
        problems.append(f"{orphans.count()} answers without their question")
    return problems


# --- Main -----------------------------------------------------------------------------------------


def loopback_only(url):
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    sys.exit(f"{url}: this benchmark only sends traffic to this machine (loopback).")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def report(description, learners, stats, outcomes, seconds, rate_ceiling, problems, think=0.0):
    requests = len(stats.latencies)
    finished = sum(1 for outcome in outcomes if outcome.submitted)
    told = sum(len(outcome.saved) for outcome in outcomes)
    print(f"server        {description}")
    pace = f"{think:g} s per question on average" if think else "no pause between answers"
    print(f"learners      {learners} at once, {QUESTIONS} answers each ({pace}), then submit")
    print(f"requests      {requests} in {seconds:.1f} s: {requests / seconds:.1f} requests/s")
    print(
        "latency       p50 {:.0f} ms, p95 {:.0f} ms, p99 {:.0f} ms, max {:.0f} ms".format(
            *(1000 * percentile(stats.latencies, f) for f in (0.5, 0.95, 0.99, 1.0))
        )
    )
    print(
        "p95 by step   "
        + ", ".join(
            f"{step} {1000 * percentile(values, 0.95):.0f} ms"
            for step, values in stats.by_step.items()
        )
    )
    errors = ", ".join(
        f"{status}: {count}" for status, count in sorted(stats.failures.items(), key=str)
    )
    failed = sum(stats.failures.values())
    print(
        f"errors        {failed} ({errors or 'none'}); retries {stats.retries}; "
        f"closed keep-alive connections reopened {stats.reconnects}"
    )
    print(
        f"ceiling       /healthz at the same concurrency: {rate_ceiling:.1f} requests/s "
        f"(the burst ran at {requests / seconds / rate_ceiling:.2f} of it)"
    )
    print(f"finished      {finished} of {learners} learners submitted; {told} answers told saved")
    unfinished = [outcome for outcome in outcomes if not outcome.submitted]
    for outcome in unfinished[:5]:
        print(f"  unfinished  {outcome.user}: {outcome.error}")
    print(f"lost          {len(problems)}")
    for problem in problems[:20]:
        print(f"  {problem}")
    return not problems and finished == learners


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--url", help="a running site (loopback), e.g. http://127.0.0.1:8000")
    target.add_argument("--serve", choices=("sqlite", "postgres"), help="start the server here")
    parser.add_argument("--learners", type=int, default=500)
    parser.add_argument("--max-seconds", type=float, default=600)
    parser.add_argument("--keep", action="store_true", help="keep the learners and answers")
    parser.add_argument("--started-file", help="written when the burst starts (bench/faults.sh)")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean seconds a learner takes per question (default 0: every answer at once)",
    )
    options = parser.parse_args()

    served = None
    if options.serve:
        served = Served(options.serve).start()
        url, description = served.url, served.describe()
    else:
        url = options.url or "http://127.0.0.1:8000"
        description = f"the site at {url}"
        wait_until_up(url, seconds=10)
    loopback_only(url)
    try:
        django_setup()
        remove_earlier_runs()
        create_survey()
        sessions = create_learners(options.learners)
        # The server's database may restart during the burst (bench/faults.sh): check over a
        # new connection.
        close_connections()
        stats, outcomes, seconds = burst(
            url,
            sessions,
            options.max_seconds,
            started_file=options.started_file,
            think=options.think,
        )
        rate_ceiling = ceiling(url, min(options.learners, 200))
        close_connections()
        problems = check(outcomes)
        ok = report(
            description,
            options.learners,
            stats,
            outcomes,
            seconds,
            rate_ceiling,
            problems,
            think=options.think,
        )
        if not options.keep and served is None:
            remove_earlier_runs()
    finally:
        if served is not None:
            served.stop()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
