"""Quizzes in the admin: Trainers write quizzes and assignment roles; Program leads view quizzes."""

from django.db import migrations

from learning.role_permissions import grant_role_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0001_initial"),
        ("learning", "0003_cohort_permissions"),
    ]

    operations = [
        grant_role_permissions(
            "quizzes",
            {
                "Trainers": tuple(
                    f"{action}_{model}"
                    for model in ("quiz", "assignmentrole")
                    for action in ("add", "change", "delete", "view")
                ),
                "Program leads": ("view_quiz",),
            },
        )
    ]
