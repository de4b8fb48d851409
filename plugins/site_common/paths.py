"""Paths as the author names them in messages."""

import os


def display_folder(folder, project):
    """A folder as the author names it: relative to the project ("content"),
    or only its name when it lies outside."""
    relative = os.path.relpath(folder, project)
    if relative.startswith(os.pardir):
        return os.path.basename(os.path.normpath(folder))
    return relative.replace(os.sep, "/")
