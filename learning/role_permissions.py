"""Giving the role groups their permissions from data migrations, for every app.

Used by migrations, so it only touches historical models through `apps`.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def ensure_permissions_exist(apps):
    # Permissions are normally created after all migrations run; these migrations need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _permissions(apps, app_label, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)


def grant_role_permissions(app_label, groups):
    """A RunPython operation giving each group (by name) its codenames in `app_label`."""

    def grant(apps, schema_editor):
        ensure_permissions_exist(apps)
        Group = apps.get_model("auth", "Group")
        for name, codenames in groups.items():
            group, _created = Group.objects.get_or_create(name=name)
            group.permissions.add(*_permissions(apps, app_label, codenames))

    def revoke(apps, schema_editor):
        Group = apps.get_model("auth", "Group")
        for name, codenames in groups.items():
            for group in Group.objects.filter(name=name):
                group.permissions.remove(*_permissions(apps, app_label, codenames))

    return migrations.RunPython(grant, revoke)
