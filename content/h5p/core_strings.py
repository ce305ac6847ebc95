"""H5P core's own interface strings (the player's buttons, dialogs, licences), through gettext.

h5p-standalone starts from an English ``l10n.H5P`` dictionary and merges the player option
``translations`` over it: these are its keys, each msgid exactly h5p-standalone's English (a
test compares them with the installed main.bundle.js), placeholders such as ``:num`` kept.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

H5P_CORE_STRINGS = {
    "fullscreen": _("Fullscreen"),
    "disableFullscreen": _("Disable fullscreen"),
    "download": _("Download"),
    "copyrights": _("Rights of use"),
    "embed": _("Embed"),
    "size": _("Size"),
    "showAdvanced": _("Show advanced"),
    "hideAdvanced": _("Hide advanced"),
    "advancedHelp": _(
        "Include this script on your website if you want dynamic sizing of the embedded content:"
    ),
    "copyrightInformation": _("Rights of use"),
    "close": _("Close"),
    "title": _("Title"),
    "author": _("Author"),
    "year": _("Year"),
    "source": _("Source"),
    "license": _("License"),
    "thumbnail": _("Thumbnail"),
    "noCopyrights": _("No copyright information available for this content."),
    "reuse": _("Reuse"),
    "reuseContent": _("Reuse Content"),
    "reuseDescription": _("Reuse this content."),
    "downloadDescription": _("Download this content as a H5P file."),
    "copyrightsDescription": _("View copyright information for this content."),
    "embedDescription": _("View the embed code for this content."),
    "h5pDescription": _("Visit H5P.org to check out more cool content."),
    "contentChanged": _("This content has changed since you last used it."),
    "startingOver": _("You'll be starting over."),
    "by": _("by"),
    "showMore": _("Show more"),
    "showLess": _("Show less"),
    "subLevel": _("Sublevel"),
    "confirmDialogHeader": _("Confirm action"),
    "confirmDialogBody": _(
        "Please confirm that you wish to proceed. This action is not reversible."
    ),
    "cancelLabel": _("Cancel"),
    "confirmLabel": _("Confirm"),
    "licenseU": _("Undisclosed"),
    # "Attribution" alone is a quotation's source in lesson blocks ("Source" in French).
    "licenseCCBY": pgettext_lazy("H5P licence", "Attribution"),
    "licenseCCBYSA": _("Attribution-ShareAlike"),
    "licenseCCBYND": _("Attribution-NoDerivs"),
    "licenseCCBYNC": _("Attribution-NonCommercial"),
    "licenseCCBYNCSA": _("Attribution-NonCommercial-ShareAlike"),
    "licenseCCBYNCND": _("Attribution-NonCommercial-NoDerivs"),
    "licenseCC40": _("4.0 International"),
    "licenseCC30": _("3.0 Unported"),
    "licenseCC25": _("2.5 Generic"),
    "licenseCC20": _("2.0 Generic"),
    "licenseCC10": _("1.0 Generic"),
    "licenseGPL": _("General Public License"),
    "licenseV3": _("Version 3"),
    "licenseV2": _("Version 2"),
    "licenseV1": _("Version 1"),
    "licensePD": _("Public Domain"),
    "licenseCC010": _("CC0 1.0 Universal (CC0 1.0) Public Domain Dedication"),
    "licensePDM": _("Public Domain Mark"),
    "licenseC": _("Copyright"),
    "contentType": _("Content Type"),
    "licenseExtras": _("License Extras"),
    "changes": _("Changelog"),
    "contentCopied": _("Content is copied to the clipboard"),
    "connectionLost": _(
        "Connection lost. Results will be stored and sent when you regain connection."
    ),
    "connectionReestablished": _("Connection reestablished."),
    "resubmitScores": _("Attempting to submit stored results."),
    "offlineDialogHeader": _("Your connection to the server was lost"),
    "offlineDialogBody": _(
        "We were unable to send information about your completion of this task. "
        "Please check your internet connection."
    ),
    "offlineDialogRetryMessage": _("Retrying in :num...."),
    "offlineDialogRetryButtonLabel": _("Retry now"),
    "offlineSuccessfulSubmit": _("Successfully submitted results."),
}


def core_translations():
    """The player option ``translations``: H5P core's strings in the active language."""
    return {"H5P": {key: str(text) for key, text in H5P_CORE_STRINGS.items()}}
