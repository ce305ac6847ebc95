"""The action plan's task list (issue 18): Trainers edit it (add, change, delete, view);
Program leads view it. Plans themselves have no admin view: no permission is given on them."""

from django.db import migrations

from learning.role_permissions import grant_role_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0009_action_plans"),
    ]

    operations = [
        grant_role_permissions(
            "learning",
            {
                "Trainers": ("add_plantask", "change_plantask", "delete_plantask", "view_plantask"),
                "Program leads": ("view_plantask",),
            },
        )
    ]
