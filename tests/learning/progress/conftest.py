# The H5P package fixtures, for the xAPI endpoint's tests (test_h5p_xapi.py).
from tests.content.h5p.conftest import (  # noqa: F401
    h5p_package,
    h5p_root,
    media_root,
    package_file,
    trainer,
)
