"""Write each H5P package's content translated for French pages (content/h5p/localised.py).

Uploads do it; migration content 0008 does it at deploy for packages uploaded before. This
repeats it (idempotent), e.g. for one package after its files were restored.
"""

from django.core.management.base import BaseCommand

from content.h5p.localised import localise
from content.h5p.models import H5PPackage


class Command(BaseCommand):
    help = "Write the translated content of H5P packages (content types' strings for French pages)."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="package ids (default: every package)")

    def handle(self, *args, ids=(), **options):
        packages = H5PPackage.objects.all()
        if ids:
            packages = packages.filter(pk__in=ids)
        keys = list(packages.values_list("storage_key", flat=True))
        written = localise(keys)
        self.stdout.write(
            f"{len(keys)} package(s) read, {len(written)} translated content file(s) written."
        )
