"""Move the files of H5P packages unpacked before issue 13 out of MEDIA_ROOT.

They were in default storage under h5p/<key>/, where anything serving MEDIA_URL served them as
pages of the site. Migration content 0007 does the same at deploy; this command repeats it
(idempotent), e.g. after restoring an old media backup.
"""

from django.core.management.base import BaseCommand

from content.h5p.models import H5PPackage
from content.h5p.storage import move_from_default_storage


class Command(BaseCommand):
    help = "Move unpacked H5P package files from default storage (MEDIA_ROOT) to H5P storage."

    def handle(self, *args, **options):
        keys = H5PPackage.objects.values_list("storage_key", flat=True)
        moved = move_from_default_storage(list(keys))
        self.stdout.write(f"{moved} file(s) moved to the H5P storage.")
