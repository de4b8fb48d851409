"""What `make newpost` writes for the author to replace, defined once.

scripts/newpost.py writes these placeholders; the build refuses to publish a
post that still has one, and `make translated` refuses to mark such a
translation up to date.
"""

TITLE_PLACEHOLDERS = {"ja": "ここにタイトルを書きます", "en": "Title in English"}
BODY_PLACEHOLDERS = {"en": "Write the English translation here."}


def placeholders_left(title, body):
    """[(field, placeholder)] of the placeholders still in a post."""
    left = []
    if title is not None and title.strip() in TITLE_PLACEHOLDERS.values():
        left.append(("Title", title.strip()))
    left += [
        ("body", placeholder)
        for placeholder in BODY_PLACEHOLDERS.values()
        if placeholder in (body or "")
    ]
    return left
