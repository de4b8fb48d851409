"""Build the site whole, or change nothing: what `make html`, `make publish`
and `make serve` run.

    python scripts/build_site.py content --output output --settings pelicanconf.py

Pelican builds into a new folder beside the output, which takes the output's
place only when the whole build succeeded. Every problem that any plugin or
Pelican itself logs as an error is printed as one plain line
(`ERROR: content/posts/x.ja.md: ...`), all of them, then one summary line, and
the status is 1: the last good output stays as it was, byte for byte. The
messages are in the author's language (MESSAGES_LANG, site_common.messages);
in CI (GitHub Actions), a failed build also lists them, file by file, on the
run's summary page.

A plugin that cannot go on after its problems raises BuildStopped (from
site_common.problems) once it has reported them; an exception after problems
were reported is taken as their consequence and shown in one line. Only an
exception with no problem reported before it is a bug in the code, and shows
its traceback.
"""

import argparse
import html
import json
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from pelican import Pelican
from pelican.log import console
from pelican.log import init as init_logging
from pelican.settings import read_settings
from pelican_messages import (
    COULD_NOT_PROCESS,
    failure_reason,
    is_only_news,
    pelican_message,
)
from rich.text import Text
from site_common.content_files import display_folder
from site_common.messages import (
    Message,
    messages_language,
    messages_language_problem,
)
from site_common.problems import SETTINGS, BuildStopped, Problem, report

logger = logging.getLogger("build_site")


# Pelican's last line on its console, printed even when problems were logged.
PELICAN_DONE = "Done: Processed "


def console_output(printed, failed):
    """What Pelican printed on its console, to show: all of it, except its
    "Done: Processed ..." line when the build failed."""
    if not failed:
        return printed
    lines = printed.splitlines(keepends=True)
    return "".join(
        line
        for line in lines
        if not Text.from_ansi(line).plain.startswith(PELICAN_DONE)
    )


class PlainLines(logging.Handler):
    """Each message as one `LEVEL: message` line, paths relative to the project.

    Counts the errors it prints: any error fails the build. A problem (logged
    with site_common.problems.report) is put into words in `lang`, the
    language of the messages, once the settings say which it is; every
    problem is kept, for the CI summary.
    """

    def __init__(self, stream, project, content, lang="en"):
        super().__init__(logging.INFO)
        self.stream = stream
        self.content_path = content
        self.project_prefix = f"{os.path.abspath(project)}{os.sep}"
        self.content_label = display_folder(content, project)
        self.lang = lang
        self.errors = 0
        self.lines = []  # (level name, file or None, message) of every line

    def message(self, record):
        if record.msg == COULD_NOT_PROCESS and len(record.args or ()) == 1:
            # Logged in Pelican's `except` block: the exception is the reason.
            path = f"{self.content_label}/{record.args[0]}".replace(os.sep, "/")
            reason = failure_reason(sys.exc_info()[1])
            if isinstance(reason, Message):
                reason = reason.text(self.lang)
            return f"{path}: {reason}"
        problem = getattr(record, "problem", None)
        if isinstance(problem, Problem):
            return problem.text(self.lang)
        if (words := pelican_message(record, self.content_path)) is not None:
            return words.text(self.lang)
        words = getattr(record, "words", None)
        if isinstance(words, Message):
            return words.text(self.lang)
        return record.getMessage()

    def shown_level(self, record):
        """The level a line is shown at: Pelican's note on a translation kept
        as a draft is no problem, only news."""
        if is_only_news(record):
            return "INFO"
        return record.levelname

    def format_line(self, record):
        message = self.message(record).replace(self.project_prefix, "")
        message = " ".join(part.strip() for part in message.splitlines() if part)
        level = self.shown_level(record)
        self.lines.append((level, *split_path(record, message)))
        line = f"{level}: {message}"
        if record.exc_info and record.levelno >= logging.CRITICAL:
            line += "\n" + logging.Formatter().formatException(record.exc_info)
        return line

    def emit(self, record):
        if record.levelno >= logging.ERROR:
            self.errors += 1
        try:
            print(self.format_line(record), file=self.stream, flush=True)
        except Exception:  # a message that cannot be printed must not stop a build
            self.handleError(record)


def split_path(record, message):
    """(file, the rest) of a printed message that names its file first, else
    (None, message): a problem names its file, as Pelican's "Could not
    process" does."""
    problem = getattr(record, "problem", None)
    path = problem.path if isinstance(problem, Problem) else None
    if record.msg == COULD_NOT_PROCESS or path:
        path, separator, rest = message.partition(": ")
        if separator:
            return path, rest
    return None, message


def job_summary(lines, count, lang="en"):
    """The Markdown a failed build adds to the CI run's summary page: the
    problems, file by file, in the author's language."""
    by_file = {}
    for level, path, message in lines:
        if level in ("ERROR", "CRITICAL"):
            by_file.setdefault(path, []).append(message)
    heading = Message(
        "The site was not built: {count} to fix, file by file", count=count
    )
    parts = [f"## {heading.text(lang)}", ""]
    for path, messages in sorted(by_file.items(), key=lambda item: item[0] or "~"):
        heading = f"`{path}`" if path else Message("Other problems").text(lang)
        parts += [f"### {heading}", ""]
        parts += [f"- {html.escape(message, quote=False)}" for message in messages]
        parts.append("")
    return "\n".join(parts)


def add_job_summary(text, environ=os.environ):
    """Append to the CI job's summary (GitHub Actions names the file in
    GITHUB_STEP_SUMMARY); nothing outside CI."""
    target = environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as page:
            page.write(text + "\n")


def parse_override(text):
    """`NAME=JSON` (as `pelican --extra-settings` takes it) → (name, value)."""
    name, _, value = text.partition("=")
    try:
        return name, json.loads(value)
    except json.JSONDecodeError:
        return name, value


def replace_folder(new, old, remove_old=True):
    """Put the folder `new` where `old` is; remove `old` unless told not to.

    The old folder is first moved aside, as `.<name>-old-*` beside it, so that
    the swap itself is two renames; `retired_folders()` finds it afterwards.
    """
    if old.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{old.name}-old-", dir=old.parent))
        os.replace(old, retired / old.name)
        os.replace(new, old)
        if remove_old:
            shutil.rmtree(retired)
    else:
        os.replace(new, old)


def retired_folders(output):
    """Old output folders replace_folder() moved aside and left."""
    return sorted(Path(output).parent.glob(f".{Path(output).name}-old-*"))


def build_command(content, output, settings_file, overrides=None):
    """The command line that runs this script: for the tests and the preview."""
    command = [sys.executable, str(Path(__file__).resolve()), str(content)]
    command += ["--output", str(output), "--settings", str(settings_file)]
    if overrides:
        command.append("--extra-settings")
        command += [f"{key}={json.dumps(value)}" for key, value in overrides.items()]
    return command


def summary(count, lang="en"):
    if count == 1:
        template = (
            "The site was not built: 1 problem to fix, listed above. The output "
            "folder was left as it was."
        )
    else:
        template = (
            "The site was not built: {count} problems to fix, listed above. The "
            "output folder was left as it was."
        )
    return Message(template, count=count).text(lang)


def run_and_print(pelican, handler):
    """Run Pelican, showing what it prints on its console but its "Done" line
    when the build failed: that line would say the opposite of the summary."""
    printed = console.capture()
    try:
        with printed:
            pelican.run()
    finally:
        shown = console_output(printed.get(), failed=bool(handler.errors))
        if shown:
            console.file.write(shown)
            console.file.flush()


def run_pelican(settings_file, overrides, handler):
    """Read the settings and run Pelican; problems go to the log."""
    try:
        settings = read_settings(str(settings_file), override=overrides)
    except Exception as error:  # the settings file itself is broken
        problem = Problem(
            SETTINGS,
            "",
            "{settings} could not be read: {error}",
            settings=settings_file,
            error=f"{type(error).__name__}: {error}",
        )
        report([problem], logger)
        return
    handler.lang = messages_language(settings)
    if wrong_lang := messages_language_problem(settings):
        problem = Problem(
            SETTINGS, "MESSAGES_LANG", wrong_lang.template, **wrong_lang.values
        )
        report([problem], logger)
    try:
        run_and_print(Pelican(settings), handler)
    except BuildStopped:
        pass  # its problems are in the log already
    except Exception as error:
        if not handler.errors:
            raise  # nothing the author did explains it: a bug, with its traceback
        words = Message(
            "the build stopped after the problems above ({error})",
            error=f"{type(error).__name__}: {error}",
        )
        logger.error("%s", words, extra={"words": words})


def build(
    content,
    output,
    settings_file,
    overrides=None,
    stream=sys.stderr,
    remove_old=True,
    publish=None,
):
    """Build `content` into `output` with `settings_file`; the number of problems.

    When there is any, `output` is left exactly as it was. With `remove_old`
    false, the replaced output is left for the caller to remove (the preview
    removes it after the browser has reloaded). `publish(staging, output)`,
    when given, puts a successful build in place instead of replacing the
    whole output (the preview's quick pass puts in only the pages it wrote).
    """
    content, output = Path(content).resolve(), Path(output).resolve()
    handler = PlainLines(stream, os.getcwd(), content)
    init_logging(level=logging.WARNING, handler=handler)
    root = logging.getLogger()
    if handler not in root.handlers:  # logging was set up before (a test, a server)
        root.addHandler(handler)
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    try:
        run_pelican(
            settings_file,
            {
                **(overrides or {}),
                "PATH": str(content),
                "OUTPUT_PATH": str(staging),
            },
            handler,
        )
        if handler.errors:
            print(summary(handler.errors, handler.lang), file=stream, flush=True)
            add_job_summary(job_summary(handler.lines, handler.errors, handler.lang))
            return handler.errors
        if publish is None:
            replace_folder(staging, output, remove_old)
        else:
            publish(staging, output)
        return 0
    finally:
        root.removeHandler(handler)
        shutil.rmtree(staging, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path, help="the content folder")
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--settings", type=Path, required=True)
    parser.add_argument(
        "--extra-settings",
        nargs="*",
        default=[],
        metavar="NAME=JSON",
        help="settings that replace those of the settings file",
    )
    args = parser.parse_args(argv)
    overrides = dict(parse_override(text) for text in args.extra_settings)
    problems = build(args.content, args.output, args.settings, overrides)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
