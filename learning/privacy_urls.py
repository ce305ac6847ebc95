from django.urls import path

from learning.people import views as privacy

urlpatterns = [
    path("", privacy.privacy, name="privacy"),
    path("export.json", privacy.export, name="privacy_export"),
    path("delete/", privacy.delete_account, name="delete_account"),
    path("deleted/", privacy.account_deleted, name="account_deleted"),
]
