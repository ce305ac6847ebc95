# Field-level translation (django-modeltranslation); wagtail-modeltranslation adds the Page fields
# (title, slug, seo_title, search_description, url_path) itself.
from modeltranslation.translator import TranslationOptions, register

from .models import CourseIndexPage, CoursePage, H5PPackage, HomePage, LessonPage


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("intro", "body")


@register(CourseIndexPage)
class CourseIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(CoursePage)
class CoursePageTranslation(TranslationOptions):
    fields = ("summary", "learning_objectives", "image_alt")


@register(LessonPage)
class LessonPageTranslation(TranslationOptions):
    fields = ("summary", "body")


@register(H5PPackage)
class H5PPackageTranslation(TranslationOptions):
    fields = ("title",)
