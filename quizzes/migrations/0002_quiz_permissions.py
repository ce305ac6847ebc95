"""Quizzes in the admin: Trainers write quizzes and assignment roles; Program leads view quizzes."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TRAINERS = "Trainers"
PROGRAM_LEADS = "Program leads"
TRAINER_PERMISSIONS = tuple(
    f"{action}_{model}"
    for model in ("quiz", "assignmentrole")
    for action in ("add", "change", "delete", "view")
)
LEAD_PERMISSIONS = ("view_quiz",)


def _quiz_permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="quizzes", codename__in=codenames)


def grant_quiz_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations; these are needed now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    trainers, _ = Group.objects.get_or_create(name=TRAINERS)
    leads, _ = Group.objects.get_or_create(name=PROGRAM_LEADS)
    trainers.permissions.add(*_quiz_permissions(apps, TRAINER_PERMISSIONS))
    leads.permissions.add(*_quiz_permissions(apps, LEAD_PERMISSIONS))


def revoke_quiz_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=[TRAINERS, PROGRAM_LEADS]):
        group.permissions.remove(*_quiz_permissions(apps, TRAINER_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0001_initial"),
        ("learning", "0003_cohort_permissions"),
    ]

    operations = [migrations.RunPython(grant_quiz_permissions, revoke_quiz_permissions)]
