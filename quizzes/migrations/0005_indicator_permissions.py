"""Indicators in the admin: Trainers define them; Program leads view them and their dashboard.

The dashboard (/admin/indicators/dashboard/) asks for `quizzes.view_indicator`, which both
groups get here.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TRAINERS = "Trainers"
PROGRAM_LEADS = "Program leads"
TRAINER_PERMISSIONS = tuple(f"{action}_indicator" for action in ("add", "change", "delete", "view"))
LEAD_PERMISSIONS = ("view_indicator",)


def _indicator_permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="quizzes", codename__in=codenames)


def grant_indicator_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations; these are needed now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    trainers, _ = Group.objects.get_or_create(name=TRAINERS)
    leads, _ = Group.objects.get_or_create(name=PROGRAM_LEADS)
    trainers.permissions.add(*_indicator_permissions(apps, TRAINER_PERMISSIONS))
    leads.permissions.add(*_indicator_permissions(apps, LEAD_PERMISSIONS))


def revoke_indicator_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=[TRAINERS, PROGRAM_LEADS]):
        group.permissions.remove(*_indicator_permissions(apps, TRAINER_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0004_indicators"),
        ("learning", "0003_cohort_permissions"),
    ]

    operations = [migrations.RunPython(grant_indicator_permissions, revoke_indicator_permissions)]
