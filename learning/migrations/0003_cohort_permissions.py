"""Training sessions: Trainers run them (add, change, delete, view); Program leads view them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TRAINERS = "Trainers"
PROGRAM_LEADS = "Program leads"
TRAINER_COHORT_PERMISSIONS = ("add_cohort", "change_cohort", "delete_cohort", "view_cohort")
LEAD_COHORT_PERMISSIONS = ("view_cohort",)


def _cohort_permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="learning", codename__in=codenames)


def grant_cohort_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations; these are needed now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    trainers, _ = Group.objects.get_or_create(name=TRAINERS)
    leads, _ = Group.objects.get_or_create(name=PROGRAM_LEADS)
    trainers.permissions.add(*_cohort_permissions(apps, TRAINER_COHORT_PERMISSIONS))
    leads.permissions.add(*_cohort_permissions(apps, LEAD_COHORT_PERMISSIONS))


def revoke_cohort_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=[TRAINERS, PROGRAM_LEADS]):
        group.permissions.remove(*_cohort_permissions(apps, TRAINER_COHORT_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0002_learner_models"),
    ]

    operations = [migrations.RunPython(grant_cohort_permissions, revoke_cohort_permissions)]
