"""H5P packages in the Wagtail admin: "H5P packages", an item of the sidebar of its own (issue
16: trainers did not look for them under Snippets).

Adding a package means uploading a .h5p file, which needs the ``upload_h5ppackage``
permission (the "add" action of the viewset is mapped onto it); editing changes only the
titles. Trainers have it (content/migrations/0004_h5p_packages.py).
"""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.log_actions import log
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.snippets.views.snippets import CreateView, IndexView, SnippetViewSet

from ..admin_labels import BilingualInspectView, BilingualLabelsForm
from .models import H5PPackage
from .results import MAX_SCORE_LIMIT
from .services import H5PPackageError, h5p_package_create


class H5PPackagePermissionPolicy(ModelPermissionPolicy):
    """The model's permissions, with "add" meaning "upload_h5ppackage"."""

    def _get_permission_codename(self, action):
        if action == "add":
            return "upload_h5ppackage"
        return super()._get_permission_codename(action)


# h5p.json's language, as trainers say it; "und" is H5P's "undetermined".
LANGUAGE_NAMES = {
    "en": _("English"),
    "fr": _("French"),
    "und": _("Not stated"),
    "": _("Not stated"),
}


def language_name(package):
    code = (package.language or "").lower()
    return LANGUAGE_NAMES.get(code) or LANGUAGE_NAMES.get(code.split("-")[0]) or package.language


class H5PPackageAdminForm(BilingualLabelsForm):
    package = forms.FileField(
        label=_("H5P file"),
        required=False,
        help_text=_(
            "A .h5p file that includes every library it uses. It is checked and unpacked "
            "when you save; its files cannot be changed afterwards."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".h5p"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A saved package keeps its files: only its titles and expected maximum change.
            del self.fields["package"]
            if self.instance.max_score is None and self.instance.suggested_max_score:
                # Prefilled from the package's content; saving the form confirms it.
                self.initial["max_score"] = self.instance.suggested_max_score
        else:
            self.fields["package"].required = True

    def clean_package(self):
        upload = self.cleaned_data.get("package")
        if upload is None:
            return upload
        limit = settings.H5P_MAX_UPLOAD_SIZE
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large (%(size)s); the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        if not upload.name.lower().endswith(".h5p"):
            raise forms.ValidationError(_("Choose a file whose name ends in .h5p."))
        return upload

    def clean_max_score(self):
        value = self.cleaned_data.get("max_score")
        if value is not None and not 0 < value <= MAX_SCORE_LIMIT:
            raise forms.ValidationError(
                _("Enter a maximum score above 0 and at most %(limit)s.")
                % {"limit": MAX_SCORE_LIMIT}
            )
        return value


class H5PPackageCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        package = h5p_package_create(
            fileobj=data["package"],
            title_en=data.get("title_en") or "",
            title_fr=data.get("title_fr") or "",
            user=self.request.user,
            max_score=data.get("max_score"),
        )
        log(instance=package, action="wagtail.create", user=self.request.user)
        return package

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except H5PPackageError as error:
            for message in error.messages:
                form.add_error("package", message)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class H5PPackageIndexView(IndexView):
    page_title = _("H5P packages")
    add_item_label = _("Upload H5P package")


class H5PPackageInspectView(BilingualInspectView):
    def get_fields(self):
        fields = super().get_fields()
        # Who uploaded it is a name: for those who manage packages, not for program leads.
        if not self.user_has_permission("change"):
            fields = [name for name in fields if name != "uploaded_by"]
        return fields

    def get_field_display_value(self, field_name, field):
        if field_name == "language":
            return language_name(self.object)
        if field_name == "size":
            return _size(self.object)
        return super().get_field_display_value(field_name, field)


def _size(package):
    return filesizeformat(package.size)


class H5PPackageViewSet(SnippetViewSet):
    model = H5PPackage
    icon = "media"
    menu_label = _("H5P packages")
    menu_name = "h5p-packages"
    add_to_admin_menu = True
    # Between Pages (100) and Images (300): with the rest of what trainers write.
    menu_order = 250
    index_view_class = H5PPackageIndexView
    add_view_class = H5PPackageCreateView
    inspect_view_class = H5PPackageInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "title",
        "main_library",
        Column("language", label=_("Language"), accessor=language_name, sort_key="language"),
        Column("size", label=_("Size"), accessor=_size, sort_key="size"),
        Column("max_score", label=_("Expected maximum score")),
        DateColumn("created_at", label=_("Uploaded"), sort_key="created_at"),
    ]
    search_backend_name = None
    search_fields = ["title_en", "title_fr", "main_library"]
    edit_handler = ObjectList(
        [
            FieldPanel("title_en"),
            FieldPanel("title_fr"),
            FieldPanel("package"),
            FieldPanel("max_score"),
        ],
        base_form_class=H5PPackageAdminForm,
    )
    inspect_view_fields = [
        "title_en",
        "title_fr",
        "language",
        "main_library",
        "size",
        "max_score",
        "created_at",
        "uploaded_by",
    ]
