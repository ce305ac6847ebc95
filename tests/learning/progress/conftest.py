# The H5P package fixtures, for the xAPI endpoint's tests (test_h5p_xapi.py).
from tests.content.h5p.conftest import h5p_package, media_root, package_file  # noqa: F401
