"""What emails add to the privacy export (registered in learning/apps.py). The rows go with
the account when it is deleted (CASCADE)."""

from learning.people.privacy import datetime_text

from .models import OutgoingEmail


def emails_section(user):
    emails = OutgoingEmail.objects.filter(user=user).order_by("created_at", "pk")
    return "emails", [
        {
            "kind": email.kind,
            "status": email.status,
            "to": email.to,
            "subject": email.subject,
            "language": email.language,
            "queued_at": datetime_text(email.created_at),
            "sent_at": datetime_text(email.sent_at),
        }
        for email in emails
    ]
