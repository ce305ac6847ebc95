"""Training sessions: Trainers run them (add, change, delete, view); Program leads view them."""

from django.db import migrations

from learning.role_permissions import grant_role_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0002_learner_models"),
    ]

    operations = [
        grant_role_permissions(
            "learning",
            {
                "Trainers": ("add_cohort", "change_cohort", "delete_cohort", "view_cohort"),
                "Program leads": ("view_cohort",),
            },
        )
    ]
