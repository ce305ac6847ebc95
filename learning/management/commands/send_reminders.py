"""Queue the reminders and trainers' digests that are due, then send what is queued (issue 15).

Meant for cron or a systemd timer (deploy/systemd/psr-learn-reminders.timer: hourly). Safe to
run twice, or two at once: each reminder has one row per step, and each row is claimed before it
is sent. Bounded: at most --limit emails per run; the rest wait for the next run, oldest first.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from learning.notifications.services import digests_queue, emails_send_queued, reminders_queue


class Command(BaseCommand):
    help = "Queue due reminders and weekly trainer digests, then send queued emails."

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit",
            type=int,
            default=settings.EMAILS_PER_RUN,
            help="Send at most this many emails in this run (default: EMAILS_PER_RUN).",
        )
        parser.add_argument(
            "--no-digests", action="store_true", help="Do not queue the trainers' digests."
        )
        parser.add_argument(
            "--now", help="Act as if it were this time (ISO 8601), for testing a schedule."
        )

    def handle(self, *args, limit, no_digests, now, **options):
        moment = timezone.now()
        if now:
            moment = parse_datetime(now)
            if moment is None:
                self.stderr.write(f"--now: not an ISO 8601 date and time: {now}")
                raise SystemExit(2)
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        reminders = reminders_queue(now=moment)
        digests = 0 if no_digests else digests_queue(now=moment)
        sent, failed, skipped = emails_send_queued(limit=max(limit, 0), now=moment)
        self.stdout.write(
            f"queued {reminders} reminders and {digests} digests; "
            f"sent {sent}, failed {failed}, skipped {skipped}"
        )
