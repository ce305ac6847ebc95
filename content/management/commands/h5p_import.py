"""Upload an H5P package from the command line: the same checks as the admin."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from content.h5p.services import H5PPackageError, h5p_package_create


class Command(BaseCommand):
    help = "Check, unpack and record an .h5p package; prints the new package's id."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .h5p file.")
        parser.add_argument("--title-en", default="", help="English title (default: h5p.json's).")
        parser.add_argument("--title-fr", default="", help="French title (default: English).")

    def handle(self, *args, path, title_en, title_fr, **options):
        try:
            fileobj = open(path, "rb")  # noqa: SIM115 - closed below
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror}
            ) from error
        with fileobj:
            try:
                package = h5p_package_create(fileobj=fileobj, title_en=title_en, title_fr=title_fr)
            except H5PPackageError as error:
                for message in error.messages:
                    self.stderr.write(message)
                count = len(error.messages)
                raise CommandError(
                    ngettext(
                        "The package was refused: %(count)d problem.",
                        "The package was refused: %(count)d problems.",
                        count,
                    )
                    % {"count": count}
                ) from error
        self.stdout.write(str(package.pk))
