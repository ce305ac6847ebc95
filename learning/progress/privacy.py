"""What progress adds to the privacy export and to an account's deletion.

Registered on learner records' extension points in learning/apps.py.
"""

from learning.people.privacy import datetime_text

from .models import Certificate, LessonProgress


def lesson_progress_section(user):
    progress = (
        LessonProgress.objects.filter(enrolment__user=user)
        .select_related("lesson", "enrolment__course")
        .order_by("completed_at", "pk")
    )
    return "lesson_progress", [
        {
            "course_title_en": item.enrolment.course.title_en,
            "course_title_fr": item.enrolment.course.title_fr,
            "lesson_title_en": item.lesson.title_en,
            "lesson_title_fr": item.lesson.title_fr,
            "completed_at": datetime_text(item.completed_at),
        }
        for item in progress
    ]


def certificates_section(user):
    certificates = Certificate.objects.filter(enrolment__user=user).order_by("issued_at", "pk")
    return "certificates", [
        {
            "code": certificate.code,
            "learner_name": certificate.learner_name,
            "course_title_en": certificate.course_title_en,
            "course_title_fr": certificate.course_title_fr,
            "issued_at": datetime_text(certificate.issued_at),
        }
        for certificate in certificates
    ]


def certificates_deleted(user):
    """Certificates go with the account (the verification page then says so); count them."""
    return {"certificates_deleted": Certificate.objects.filter(enrolment__user=user).count()}
