from django.db import migrations

from content.h5p.localised import localise


def translate_packages(apps, schema_editor):
    """Packages uploaded before their content was translated at upload get it now (the
    content types' strings on French pages; content/h5p/localised.py)."""
    H5PPackage = apps.get_model("content", "H5PPackage")
    localise(list(H5PPackage.objects.values_list("storage_key", flat=True)))


class Migration(migrations.Migration):
    dependencies = [("content", "0007_h5p_expected_max_refused_statements")]

    operations = [migrations.RunPython(translate_packages, migrations.RunPython.noop)]
