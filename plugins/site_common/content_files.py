"""Files in the content folder: how the author names them, and which ones a
post may point to.

A problem names a file as the author sees it from the project folder
(``content/posts/x.ja.md``). A post may show or link only files inside the
content folder: a path that climbs out of it (``../../etc/passwd``), an
absolute one, or a symbolic link leading out, is not one of them.
"""

import os
from pathlib import Path


def display_folder(content_path, working_dir=None):
    """The content folder as the author names it: relative to the project."""
    relative = os.path.relpath(content_path, working_dir or os.getcwd())
    if relative.startswith(os.pardir):
        return os.path.basename(os.path.normpath(content_path))
    return relative.replace(os.sep, "/")


def display_path(content_path, source_path):
    """A content file as the author names it: ``content/posts/x.ja.md``."""
    relative = os.path.relpath(source_path, content_path).replace(os.sep, "/")
    return f"{display_folder(content_path)}/{relative}"


def file_inside(folder, path):
    """The file `path` names inside `folder`, or None if it would lead out.

    A relative `path` is taken from `folder`; symbolic links are followed
    before deciding, so one pointing out of the folder is refused too.
    """
    if not isinstance(path, str | os.PathLike) or os.path.isabs(path):
        return None
    root = Path(folder).resolve()
    target = (root / path).resolve()
    return target if target.is_relative_to(root) else None
