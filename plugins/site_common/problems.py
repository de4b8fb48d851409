"""Problems the author or the settings can cause, and how a build reports them.

A plugin that finds something to fix logs it with :func:`report`: one line,
the file first (``content/posts/x.ja.md: Date "2024-13-45" is not a date``), or
``settings`` for a setting. The build (scripts/build_site.py) counts every
error logged, by any plugin or by Pelican, and fails at the end, leaving the
last good output as it was. A plugin that cannot go on after its problems
raises :class:`BuildStopped` once it has reported all of them: the build prints
no traceback for it. A message is put into words in the author's language only
when it is shown (site_common.messages).
"""

import logging

from site_common.messages import Message, render

SETTINGS = "settings"  # stands where a file would, for problems in the settings


class Problem:
    """One thing to fix: the file (or "settings"), the field at fault, what to do.

    `template` is the message's English template and `values` fill its
    {placeholders} (site_common.messages), or a Message made before:
    `text(lang)` puts it into words in a language, `message` in English.
    """

    __slots__ = ("field", "path", "template", "values")

    def __init__(self, path, field, template, /, **values):
        if isinstance(template, Message):
            template, values = template.template, {**template.values, **values}
        self.path = path
        self.field = field
        self.template = template
        self.values = values

    @property
    def message(self):
        return render(self.template, self.values)

    def text(self, lang):
        """The whole line, "path: message", in `lang`."""
        return f"{self.path}: {render(self.template, self.values, lang)}"

    def __str__(self):
        return f"{self.path}: {self.message}"

    def __repr__(self):
        return f"Problem({self.path!r}, {self.field!r}, {self.message!r})"

    def __eq__(self, other):
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.path, self.field, self.message) == (
            other.path,
            other.field,
            other.message,
        )

    def __hash__(self):
        return hash((self.path, self.field, self.message))


class BuildStopped(Exception):
    """The build cannot go on; what is wrong has been reported already."""

    def __init__(self, count=1):
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} stopped the build"
        )
        self.count = count


def report(problems, logger, level=logging.ERROR):
    """Log each problem as one line; return how many there were."""
    count = 0
    for problem in problems:
        logger.log(level, "%s", problem, extra={"problem": problem})
        count += 1
    return count


def report_and_stop(problems, logger):
    """Log every problem, then stop the build if there was any."""
    count = report(problems, logger)
    if count:
        raise BuildStopped(count)
