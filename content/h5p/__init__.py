"""H5P packages: validation (package/), storage, admin, player and results."""
