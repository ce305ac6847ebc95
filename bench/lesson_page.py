#!/usr/bin/env python
"""Benchmark: the signed-in lesson page against a bare Wagtail page with the same body.

    python bench/lesson_page.py                 # 6 alternating rounds of 5 s each
    python bench/lesson_page.py --rounds 2 --seconds 2

One run, one throw-away PostgreSQL cluster (started here, removed at the end), one gunicorn
(2 sync workers, production settings, DEBUG off, persistent connections) serving both pages:
  - the lesson: a demo course's lesson whose English body is 30 paragraphs, requested by an
    enrolled learner who is signed in;
  - the bare page: bench/barepage's BarePage (a title and the same 30 paragraphs), anonymous,
    under the same site.
Rounds alternate bare, lesson, bare, lesson… so background load falls on both alike. For each:
requests/s at --concurrency clients (keep-alive, loopback), p95 latency, and the server's CPU
per response (utime + stime of the gunicorn workers, from /proc, over the round). Queries per
page are counted in this process with the same settings (Django's test client and
CaptureQueriesContext), with the course page's and My learning's. Last, the lesson and course
views' CPU (time.process_time, median of --repeat) in courses of 10, 50 and 200 lessons: it
should not grow with the course.
Goals (issue 11): lesson ≥ 1.0x the bare page's requests/s; queries ≤ bare + 2; lesson CPU
within 1.2x from 10 to 200 lessons.
"""

import argparse
import http.client
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from burst import free_port, percentile, wait_until_up  # noqa: E402
from indicators import ThrowAwayCluster  # noqa: E402

PARAGRAPHS = 30
COURSE_SIZES = (10, 50, 200)
USERNAME = "bench-lesson-learner"


def paragraph_html(number):
    return (
        f"<p>Paragraph {number}: private sponsors and settlement workers agree early on who "
        "does what in the first year, from finding housing and opening a bank account to "
        "school enrolment, language classes and the first appointments with a family doctor. "
        "A short meeting before arrival saves weeks of confusion afterwards.</p>"
    )


def body():
    return [{"type": "paragraph", "value": paragraph_html(n + 1)} for n in range(PARAGRAPHS)]


# --- Data, through the ORM in this process ------------------------------------------------------


def prepare():
    """The demo site, a 30-paragraph lesson in a demo course, a bare page, courses of 10/50/200
    lessons, and a signed-in learner enrolled in all of them. Returns the URLs and the cookie."""
    import io

    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    # Production settings serve hashed static files from a manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("update_translation_fields", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())

    from django.contrib.auth import get_user_model
    from django.test import Client
    from wagtail.models import Site

    from bench.barepage.models import BarePage
    from content.models import CoursePage, LessonPage
    from learning.people.models import Profile
    from learning.people.services import enrolment_create

    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    course = CoursePage.objects.live().order_by("path").first()
    lesson = LessonPage.objects.child_of(course).live().order_by("path").first()
    lesson.body_en = body()
    lesson.save_revision().publish()
    lesson.refresh_from_db()

    bare = BarePage.objects.first()
    if bare is None:
        bare = BarePage(title="Bare page", slug="bare-page", body=body())
        home.add_child(instance=bare)
        bare.save_revision().publish()

    user = get_user_model().objects.filter(username=USERNAME).first()
    if user is None:
        user = get_user_model().objects.create_user(USERNAME, f"{USERNAME}@example.org")
        Profile.objects.create(user=user, role="sponsor", region="ottawa", evaluation_consent=True)
    enrolment_create(user=user, course=course, language="en")

    sized, sized_course_urls = {}, {}
    catalogue = course.get_parent()
    for size in COURSE_SIZES:
        slug = f"bench-course-{size}"
        sized_course = CoursePage.objects.filter(slug_en=slug).first()
        if sized_course is None:
            sized_course = CoursePage(
                title=f"Bench course, {size} lessons",
                title_en=f"Bench course, {size} lessons",
                title_fr=f"Cours d'essai, {size} leçons",
                slug=slug,
                slug_en=slug,
                slug_fr=slug,
                summary="A course for the benchmark.",
                summary_en="A course for the benchmark.",
                summary_fr="Un cours pour le banc d'essai.",
            )
            catalogue.add_child(instance=sized_course)
            sized_course.save_revision().publish()
            for number in range(size):
                child = LessonPage(
                    title=f"Lesson {number + 1}",
                    title_en=f"Lesson {number + 1}",
                    title_fr=f"Leçon {number + 1}",
                    slug=f"lesson-{number + 1}",
                    slug_en=f"lesson-{number + 1}",
                    slug_fr=f"lecon-{number + 1}",
                    body_en=body(),
                    body_fr=body(),
                )
                sized_course.add_child(instance=child)
                child.save_revision().publish()
        enrolment_create(user=user, course=sized_course, language="en")
        # The middle lesson: the outline around it is the whole course.
        middle = LessonPage.objects.child_of(sized_course).live().order_by("path")[size // 2]
        sized[size] = middle.url
        sized_course_urls[size] = sized_course.url
    client = Client()
    client.force_login(user)
    return {
        "lesson": lesson.url,
        "bare": bare.url,
        "sized": sized,
        "sized_courses": sized_course_urls,
        "course": course.url,
        "session": client.cookies["sessionid"].value,
    }


def queries_per_page(urls):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    learner = Client()
    learner.cookies["sessionid"] = urls["session"]
    counts = {}
    for name, client, url in (
        ("bare", Client(), urls["bare"]),
        ("lesson", learner, urls["lesson"]),
        ("course", learner, urls["course"]),
        ("my learning", learner, "/en/learning/"),
    ):
        client.get(url)  # warm: caches a deployment has warm too
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[name] = len(captured.captured_queries)
    return counts


def cpu_by_course_size(urls, repeat):
    """{page: {lessons in the course: median CPU of one view}} for the lesson and course pages."""
    from django.test import Client

    learner = Client()
    learner.cookies["sessionid"] = urls["session"]
    result = {"lesson": {}, "course": {}}
    for page, by_size in (("lesson", urls["sized"]), ("course", urls["sized_courses"])):
        for size, url in by_size.items():
            learner.get(url)
            times = []
            for _ in range(repeat):
                started = time.process_time()
                response = learner.get(url)
                times.append(time.process_time() - started)
                assert response.status_code == 200
            result[page][size] = statistics.median(times)
    return result


# --- Load -------------------------------------------------------------------------------------


def worker_cpu(master_pid):
    """utime + stime, in seconds, of the gunicorn workers (children of the master)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:  # ppid
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def load(port, path, cookie, concurrency, seconds):
    latencies, lock = [], threading.Lock()
    stop = time.monotonic() + seconds
    barrier = threading.Barrier(concurrency + 1)

    def run():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
        mine = []
        barrier.wait()
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                ok = False
            if ok:
                mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=run, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join(seconds + 35)
    elapsed = time.perf_counter() - started
    return latencies, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=30, help="samples per course size")
    options = parser.parse_args()

    cluster = ThrowAwayCluster()
    database_url = cluster.start()
    secret = secrets.token_urlsafe(40)
    env = {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secret,
        "PSR_RESPONDENT_SECRET": secret,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "DB_CONN_MAX_AGE": "600",
        "STATIC_ROOT": str(Path(tempfile.mkdtemp(prefix="psr-bench-static-"))),
        "MEDIA_ROOT": str(Path(tempfile.mkdtemp(prefix="psr-bench-media-"))),
    }
    os.environ.update(env)
    server = None
    try:
        import django

        django.setup()
        urls = prepare()
        queries = queries_per_page(urls)
        cpu_by_size = cpu_by_course_size(urls, options.repeat)

        from django.db import connections

        connections.close_all()
        port = free_port()
        server_env = {
            **os.environ,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_THREADS": "1",
            "GUNICORN_LOG_LEVEL": "warning",
            "GUNICORN_ACCESS_LOG": "/dev/null",
            "GUNICORN_MAX_REQUESTS": "0",
        }
        server = subprocess.Popen(  # noqa: S603 - gunicorn from this venv
            [str(Path(sys.executable).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py"]
            + ["learning.wsgi"],
            cwd=ROOT,
            env=server_env,
        )
        wait_until_up(f"http://127.0.0.1:{port}")
        pages = {"bare": (urls["bare"], None), "lesson": (urls["lesson"], urls["session"])}
        for path, cookie in pages.values():  # warm both
            load(port, path, cookie, options.concurrency, 1)
        results = {name: {"rps": [], "p95": [], "cpu": []} for name in pages}
        for _round in range(options.rounds):
            for name, (path, cookie) in pages.items():
                cpu_before = worker_cpu(server.pid)
                latencies, elapsed = load(port, path, cookie, options.concurrency, options.seconds)
                cpu = worker_cpu(server.pid) - cpu_before
                results[name]["rps"].append(len(latencies) / elapsed)
                results[name]["p95"].append(percentile(latencies, 0.95))
                results[name]["cpu"].append(cpu / max(1, len(latencies)))
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        cluster.stop()

    bare, lesson = results["bare"], results["lesson"]
    ratios = [
        lesson_rps / bare_rps
        for lesson_rps, bare_rps in zip(lesson["rps"], bare["rps"], strict=True)
    ]
    print(
        f"server        gunicorn 2 sync workers, production settings, PostgreSQL, {PARAGRAPHS}"
        " paragraphs"
    )
    print(
        f"rounds        {options.rounds} x {options.seconds:.0f} s each, alternating, "
        f"{options.concurrency} clients"
    )
    for name, figures in (("bare page", bare), ("lesson", lesson)):
        print(
            f"{name:13} {statistics.median(figures['rps']):7.1f} requests/s (median), "
            f"p95 {1000 * statistics.median(figures['p95']):6.1f} ms, "
            f"CPU {1000 * statistics.median(figures['cpu']):5.2f} ms/response"
        )
    print(
        f"ratio         lesson / bare requests/s: median {statistics.median(ratios):.2f} "
        f"(rounds {min(ratios):.2f}-{max(ratios):.2f}); goal >= 1.0"
    )
    print(
        f"queries       bare {queries['bare']}, lesson {queries['lesson']}; "
        f"goal lesson <= {queries['bare'] + 2}; course page {queries['course']}, "
        f"My learning {queries['my learning']} (enrolled in {len(COURSE_SIZES) + 1} courses)"
    )
    for page in ("lesson", "course"):
        figures = cpu_by_size[page]
        sizes = ", ".join(f"{size}: {1000 * cpu:.1f} ms" for size, cpu in figures.items())
        growth = figures[COURSE_SIZES[-1]] / figures[COURSE_SIZES[0]]
        print(
            f"{page + ' CPU':13} by course size (lessons: median CPU per view) {sizes}; "
            f"200/10 = {growth:.2f}x, goal <= 1.2x"
        )


if __name__ == "__main__":
    main()
