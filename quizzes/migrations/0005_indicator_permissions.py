"""Indicators in the admin: Trainers define them; Program leads view them and their dashboard.

The dashboard (/admin/indicators/dashboard/) asks for `quizzes.view_indicator`, which both
groups get here.
"""

from django.db import migrations

from learning.role_permissions import grant_role_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0004_indicators"),
        ("learning", "0003_cohort_permissions"),
    ]

    operations = [
        grant_role_permissions(
            "quizzes",
            {
                "Trainers": tuple(
                    f"{action}_indicator" for action in ("add", "change", "delete", "view")
                ),
                "Program leads": ("view_indicator",),
            },
        )
    ]
